package org.almasim.simulator.fees;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.almasim.simulator.codes.Code;
import org.almasim.simulator.codes.CodeTables;
import org.almasim.simulator.fees.FeeRepository.StoredFee;
import org.almasim.simulator.fees.FeeRepository.StoredTransaction;
import org.almasim.simulator.links.AlmaLinks;

/** Alma's shapes of a fee and a fee list, with their links, codes described and money as Alma writes it. */
final class FeeViews {
    private final CodeTables codes;

    FeeViews(CodeTables codes) {
        this.codes = codes;
    }

    FeeList list(FeeRepository fees, String userId, AlmaLinks links, List<StoredFee> list) {
        Map<String, List<StoredTransaction>> transactions =
                fees.transactions(list.stream().map(StoredFee::id).toList());
        List<Fee> rendered = new ArrayList<>();
        BigDecimal sum = BigDecimal.ZERO;
        for (StoredFee fee : list) {
            rendered.add(fee(userId, links, fee, transactions.getOrDefault(fee.id(), List.of())));
            sum = sum.add(fee.balance());
        }
        return new FeeList(rendered, rendered.size(), plain(sum), rendered.isEmpty() ? null : codes.currency());
    }

    Fee fee(FeeRepository fees, String userId, AlmaLinks links, StoredFee fee) {
        return fee(userId, links, fee, fees.transactions(List.of(fee.id())).getOrDefault(fee.id(), List.of()));
    }

    private Fee fee(String userId, AlmaLinks links, StoredFee fee, List<StoredTransaction> transactions) {
        Code receivedBy = new Code(
                Fee.Transaction.RECEIVED_NOT_AT_DESK,
                codes.code(CodeTables.LIBRARIES, fee.owner()).desc());
        List<Fee.Transaction> rendered = transactions.stream()
                .map(t -> new Fee.Transaction(
                        codes.code(CodeTables.TRANSACTION_TYPES, t.type()),
                        plain(t.amount()),
                        BigDecimal.ZERO,
                        codes.code(CodeTables.WAIVE_REASONS, t.reason()),
                        t.comment(),
                        Fee.Transaction.CREATED_BY_API,
                        t.externalTransactionId(),
                        t.time(),
                        receivedBy,
                        codes.code(CodeTables.PAYMENT_METHODS, t.method())))
                .toList();
        String link = links.fee(userId, fee.id());
        return new Fee(
                link,
                fee.id(),
                codes.code(CodeTables.FEE_TYPES, fee.type()),
                codes.code(CodeTables.FEE_STATUSES, fee.status()),
                new Fee.Linked(userId, links.user(userId)),
                plain(fee.balance()),
                BigDecimal.ZERO,
                plain(fee.originalAmount()),
                BigDecimal.ZERO,
                fee.creationTime(),
                fee.statusTime(),
                fee.comment(),
                codes.code(CodeTables.LIBRARIES, fee.owner()),
                fee.title(),
                fee.barcode() == null ? null : new Fee.Linked(fee.barcode(), links.itemByBarcode(fee.barcode())),
                rendered);
    }

    /** Alma writes 750 and 2.5, not 750.00 and 2.50. */
    private static BigDecimal plain(BigDecimal amount) {
        BigDecimal stripped = amount.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }
}
