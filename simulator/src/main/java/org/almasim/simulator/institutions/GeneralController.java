package org.almasim.simulator.institutions;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonRootName;
import io.javalin.http.Context;
import java.util.function.Supplier;
import org.almasim.simulator.codes.Code;
import org.almasim.simulator.http.AlmaHttp;
import org.almasim.simulator.http.PublicAddress;

/**
 * {@code GET /almaws/v1/conf/general}: which institution a key reaches, as Alma answers it. A consortium's client asks it
 * before acting, to be sure each member's key opens that member and no other.
 */
public final class GeneralController {
    /** Alma's general configuration ({@code rest_general.xsd}); almasim is never production. */
    @JsonRootName("general")
    @JsonPropertyOrder({"institution", "alma_url", "environment_type"})
    public record General(
            @JsonProperty("institution") Code institution,
            @JsonProperty("alma_url") String almaUrl,
            @JsonProperty("environment_type") String environmentType) {}

    static final String ENVIRONMENT = "sandbox";

    private final String code;
    private final Supplier<String> name;

    /** {@code name}: the library's name as it is when asked (a setting may rename it). */
    public GeneralController(String code, Supplier<String> name) {
        this.code = code;
        this.name = name;
    }

    public void get(Context ctx) {
        AlmaHttp.ok(ctx, new General(new Code(code, name.get()), PublicAddress.of(ctx) + "/", ENVIRONMENT));
    }
}
