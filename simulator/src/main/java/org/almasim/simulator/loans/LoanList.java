package org.almasim.simulator.loans;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonRootName;
import java.util.List;

/** A user's loans; the {@code item_loan} key is absent when there are none. */
@JsonRootName("item_loans")
@JsonPropertyOrder({"item_loan", "total_record_count"})
public record LoanList(
        @JsonProperty("item_loan") List<Loan> itemLoan,
        @JsonProperty("total_record_count") int totalRecordCount) {}
