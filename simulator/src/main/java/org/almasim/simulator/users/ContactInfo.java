package org.almasim.simulator.users;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.time.LocalDate;
import java.util.List;
import org.almasim.simulator.codes.Code;

/** A user's addresses, emails and phones. JSON drops XML's {@code addresses/emails/phones} wrappers. */
@JsonPropertyOrder({"address", "email", "phone"})
public record ContactInfo(
        @JsonProperty("address") List<Address> address,
        @JsonProperty("email") List<Email> email,
        @JsonProperty("phone") List<Phone> phone) {

    public ContactInfo {
        address = User.listOrEmpty(address);
        email = User.listOrEmpty(email);
        phone = User.listOrEmpty(phone);
    }

    @JsonPropertyOrder({
        "preferred",
        "segment_type",
        "line1",
        "line2",
        "line3",
        "line4",
        "line5",
        "city",
        "state_province",
        "postal_code",
        "country",
        "address_note",
        "start_date",
        "end_date",
        "address_type"
    })
    public record Address(
            @JsonProperty("preferred") Boolean preferred,
            @JsonProperty("segment_type") String segmentType,
            @JsonProperty("line1") String line1,
            @JsonProperty("line2") String line2,
            @JsonProperty("line3") String line3,
            @JsonProperty("line4") String line4,
            @JsonProperty("line5") String line5,
            @JsonProperty("city") String city,
            @JsonProperty("state_province") String stateProvince,
            @JsonProperty("postal_code") String postalCode,
            @JsonProperty("country") Code country,
            @JsonProperty("address_note") String addressNote,
            @JsonProperty("start_date") LocalDate startDate,
            @JsonProperty("end_date") LocalDate endDate,
            @JsonProperty("address_type") List<Code> addressType) {
        public Address {
            addressType = User.listOrEmpty(addressType);
        }
    }

    @JsonPropertyOrder({"preferred", "segment_type", "email_address", "description", "email_type"})
    public record Email(
            @JsonProperty("preferred") Boolean preferred,
            @JsonProperty("segment_type") String segmentType,
            @JsonProperty("email_address") String emailAddress,
            @JsonProperty("description") String description,
            @JsonProperty("email_type") List<Code> emailType) {
        public Email {
            emailType = User.listOrEmpty(emailType);
        }
    }

    @JsonPropertyOrder({"preferred", "preferred_sms", "segment_type", "phone_number", "phone_type"})
    public record Phone(
            @JsonProperty("preferred") Boolean preferred,
            @JsonProperty("preferred_sms") Boolean preferredSms,
            @JsonProperty("segment_type") String segmentType,
            @JsonProperty("phone_number") String phoneNumber,
            @JsonProperty("phone_type") List<Code> phoneType) {
        public Phone {
            phoneType = User.listOrEmpty(phoneType);
        }
    }
}
