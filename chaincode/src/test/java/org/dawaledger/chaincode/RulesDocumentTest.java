package org.dawaledger.chaincode;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.dawaledger.chaincode.ledger.ErrorCode;
import org.hyperledger.fabric.contract.annotation.Transaction;
import org.junit.jupiter.api.Test;

/** docs/rules.md is what regulator staff and auditors read: it names every transaction and every error code. */
class RulesDocumentTest {
    private static final Path RULES = Path.of("../docs/rules.md");

    @Test
    void everyTransactionHasASectionThatSaysWhetherItIsSubmittedOrEvaluated() throws IOException {
        final Map<String, String> documented = new TreeMap<>();
        final Matcher heading = Pattern.compile("^### (\\w+) \\((submit|evaluate)\\)$", Pattern.MULTILINE)
                .matcher(Files.readString(RULES));
        while (heading.find()) {
            documented.put(heading.group(1), heading.group(2));
        }
        final Map<String, String> declared = Arrays.stream(DawaLedgerContract.class.getDeclaredMethods())
                .filter(method -> method.isAnnotationPresent(Transaction.class))
                .map(method -> method.getAnnotation(Transaction.class))
                .collect(Collectors.toMap(Transaction::name, transaction -> transaction.intent()
                        == Transaction.TYPE.SUBMIT ? "submit" : "evaluate", (a, b) -> a, TreeMap::new));

        assertThat(documented).isEqualTo(declared);
    }

    @Test
    void theErrorCodeTableListsExactlyTheCodesInTheirOrder() throws IOException {
        final String text = Files.readString(RULES);
        final String table = text.substring(text.indexOf("### Error codes"), text.indexOf("## 9."));
        final Matcher row = Pattern.compile("^\\| `(\\w+)` \\|", Pattern.MULTILINE).matcher(table);
        final List<String> codes = new java.util.ArrayList<>();
        while (row.find()) {
            codes.add(row.group(1));
        }

        assertThat(codes).containsExactly(Arrays.stream(ErrorCode.values()).map(Enum::name).toArray(String[]::new));
    }
}
