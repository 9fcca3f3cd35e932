package org.dawaledger.chaincode.participant;

import com.fasterxml.jackson.core.type.TypeReference;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.dawaledger.chaincode.ledger.ErrorCode;
import org.dawaledger.chaincode.ledger.Json;
import org.dawaledger.chaincode.ledger.Keys;
import org.dawaledger.chaincode.ledger.Ledger;
import org.dawaledger.gs1.CompanyPrefix;
import org.dawaledger.gs1.Gs1FormatException;
import org.dawaledger.gs1.Gtin;

/**
 * The GS1 company prefixes the regulator records in manufacturers' licences, and which manufacturer numbers a GTIN.
 * GS1 allocates each prefix to one company, so no two parties' prefixes may overlap (one starting with the other).
 */
public final class CompanyPrefixes {
    /** Most prefixes one licence records. */
    public static final int MAX_PER_PARTY = 20;

    private CompanyPrefixes() {
    }

    /**
     * A manufacturer that holds the company prefix a GTIN was numbered under.
     *
     * @param prefix the prefix
     * @param holderGln the manufacturer's GLN
     */
    public record Holder(String prefix, String holderGln) {
    }

    /** The party whose licence holds the prefix the GTIN was numbered under, if any. */
    public static Optional<Holder> holderOf(final Ledger ledger, final String gtin) {
        final String digits = Gtin.parse(gtin).value().substring(1);
        for (int length = CompanyPrefix.MIN_LENGTH; length <= CompanyPrefix.MAX_LENGTH; length++) {
            final String prefix = digits.substring(0, length);
            final Optional<String> holder = ledger.read(key(ledger, prefix), String.class);
            if (holder.isPresent()) {
                return Optional.of(new Holder(prefix, holder.get()));
            }
        }
        return Optional.empty();
    }

    /**
     * Reads a licence's prefixes argument: a JSON array of 4 to 12 digit strings.
     *
     * @param required whether the role needs at least one; otherwise the argument must be empty or {@code []}
     * @throws org.hyperledger.fabric.shim.ChaincodeException if it is malformed, empty when required, not empty when
     *     not, repeats or overlaps itself, or names more than {@value #MAX_PER_PARTY} ({@code INVALID_ARGUMENT})
     */
    static List<String> read(final String json, final boolean required) {
        if (!required) {
            if (json == null || json.isEmpty() || json.equals("[]")) {
                return null;
            }
            throw ErrorCode.INVALID_ARGUMENT.exception("companyPrefixes are for manufacturers only; pass an empty"
                    + " argument");
        }
        final List<String> given = Json.readArgument("companyPrefixes", json, new TypeReference<List<String>>() {
        });
        if (given.isEmpty()) {
            throw ErrorCode.INVALID_ARGUMENT.exception("a manufacturer's licence needs at least one GS1 company"
                    + " prefix");
        }
        if (given.size() > MAX_PER_PARTY) {
            throw ErrorCode.INVALID_ARGUMENT.exception("companyPrefixes names %d prefixes; a licence records at most"
                    + " %d", given.size(), MAX_PER_PARTY);
        }
        final List<CompanyPrefix> prefixes = new ArrayList<>();
        for (int i = 0; i < given.size(); i++) {
            final CompanyPrefix prefix;
            try {
                prefix = CompanyPrefix.parse(given.get(i));
            } catch (Gs1FormatException e) {
                throw ErrorCode.INVALID_ARGUMENT.exception("companyPrefixes[%d]: %s", i, e.getMessage());
            }
            for (final CompanyPrefix earlier : prefixes) {
                if (earlier.overlaps(prefix)) {
                    throw ErrorCode.INVALID_ARGUMENT.exception("companyPrefixes[%d] %s overlaps %s in the same list",
                            i, prefix, earlier);
                }
            }
            prefixes.add(prefix);
        }
        return prefixes.stream().map(CompanyPrefix::value).sorted().toList();
    }

    /**
     * Records prefixes as the party's.
     *
     * @throws org.hyperledger.fabric.shim.ChaincodeException if another party holds a prefix that overlaps one of them
     *     ({@code COMPANY_PREFIX_TAKEN})
     */
    static void license(final Ledger ledger, final String holderGln, final List<String> prefixes) {
        for (final String prefix : prefixes) {
            final CompanyPrefix wanted = CompanyPrefix.parse(prefix);
            // Overlapping prefixes share their first four digits, so one group holds every possible clash.
            for (final String taken : ledger.keysUnder(Keys.COMPANY_PREFIX, group(prefix))) {
                final String takenPrefix = ledger.attributesOf(taken).get(1);
                // The party's own entries may be on their way out in this very transaction.
                final Optional<String> holder = ledger.read(taken, String.class);
                if (holder.isPresent() && !holder.get().equals(holderGln)
                        && CompanyPrefix.parse(takenPrefix).overlaps(wanted)) {
                    throw ErrorCode.COMPANY_PREFIX_TAKEN.exception("GS1 company prefix %s overlaps %s, held by %s",
                            prefix, takenPrefix, holder.get());
                }
            }
        }
        prefixes.forEach(prefix -> ledger.write(key(ledger, prefix), holderGln));
    }

    /** Takes prefixes out of the index. */
    static void release(final Ledger ledger, final List<String> prefixes) {
        prefixes.forEach(prefix -> ledger.delete(key(ledger, prefix)));
    }

    private static String key(final Ledger ledger, final String prefix) {
        return ledger.key(Keys.COMPANY_PREFIX, group(prefix), prefix);
    }

    private static String group(final String prefix) {
        return prefix.substring(0, CompanyPrefix.MIN_LENGTH);
    }
}
