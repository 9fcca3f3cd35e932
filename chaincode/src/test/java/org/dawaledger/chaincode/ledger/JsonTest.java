package org.dawaledger.chaincode.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.type.TypeReference;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dawaledger.chaincode.participant.Participant;
import org.dawaledger.chaincode.participant.ParticipantStatus;
import org.dawaledger.chaincode.participant.Role;
import org.hyperledger.fabric.shim.ChaincodeException;
import org.junit.jupiter.api.Test;

class JsonTest {
    record Line(String gtin, long quantity) {
    }

    record Unsorted(String zebra, String apple, Map<String, Object> middle, String absent) {
    }

    @Test
    void writesKeysInSortedOrderAtEveryDepthAndLeavesOutAbsentValues() {
        final Map<String, Object> inner = new LinkedHashMap<>();
        inner.put("y", 1);
        inner.put("b", List.of(Map.of("k", 1)));
        inner.put("a", true);

        final String json = Json.write(new Unsorted("z", "a", inner, null));

        assertThat(json).isEqualTo("{\"apple\":\"a\",\"middle\":{\"a\":true,\"b\":[{\"k\":1}],\"y\":1},\"zebra\":\"z\"}");
    }

    @Test
    void writesTheSameBytesForTheSameRecordEveryTime() {
        final Participant participant = pharmacy(ParticipantStatus.ACTIVE, null);

        // The exact form follows from the rule: keys sorted, the absent prefixes and statusReason left out,
        // isActive() not data.
        final String expected = "{\"certificateIssuer\":\"CN=b\",\"certificateSubject\":\"CN=a\","
                + "\"gln\":\"9500000000012\",\"identityId\":\"ab12\",\"lastTxId\":\"tx\","
                + "\"legalName\":\"Pharmacy\",\"licenceNumber\":\"L-1\",\"mspId\":\"MSP\","
                + "\"registeredAt\":\"2026-01-15T09:00:00Z\",\"registeredBy\":\"9500000000012\","
                + "\"role\":\"PHARMACY\",\"status\":\"ACTIVE\",\"updatedAt\":\"2026-01-15T09:00:00Z\"}";

        assertThat(new String(Json.bytes(participant), StandardCharsets.UTF_8)).isEqualTo(expected);
        assertThat(Json.bytes(participant)).isEqualTo(Json.bytes(pharmacy(ParticipantStatus.ACTIVE, null)));
    }

    @Test
    void readsBackWhatItStored() {
        final Participant participant = pharmacy(ParticipantStatus.SUSPENDED, "audit");

        assertThat(Json.readStored(Json.bytes(participant), Participant.class)).isEqualTo(participant);
    }

    private static Participant pharmacy(final ParticipantStatus status, final String reason) {
        return new Participant("9500000000012", Role.PHARMACY, "Pharmacy", "L-1", null, "MSP", "ab12", "CN=a",
                "CN=b", status, reason, "2026-01-15T09:00:00Z", "9500000000012", "2026-01-15T09:00:00Z", "tx");
    }

    @Test
    void refusesAnArgumentThatIsNotJsonOfTheExpectedShapeWithACodedError() {
        final TypeReference<List<String>> strings = new TypeReference<>() {
        };

        assertThatThrownBy(() -> Json.readArgument("serials", "[\"a\",", strings))
                .isInstanceOf(ChaincodeException.class).hasMessageStartingWith("[INVALID_ARGUMENT] serials");
        assertThatThrownBy(() -> Json.readArgument("serials", "{\"a\":1}", strings))
                .isInstanceOf(ChaincodeException.class).hasMessageStartingWith("[INVALID_ARGUMENT] serials");
        assertThatThrownBy(() -> Json.readArgument("line", "{\"gtin\":\"1\"}", new TypeReference<Line>() {
        })).isInstanceOf(ChaincodeException.class).hasMessageNotContaining("DeserializationFeature");
        assertThatThrownBy(() -> Json.readArgument("serials", "null", strings))
                .isInstanceOf(ChaincodeException.class).hasMessageStartingWith("[INVALID_ARGUMENT] serials is required");
        assertThatThrownBy(() -> Json.readArgument("serials", " ", strings))
                .isInstanceOf(ChaincodeException.class).hasMessageStartingWith("[INVALID_ARGUMENT] serials is required");
    }

    @Test
    void refusesUnknownFieldsSoATypoIsNotSilentlyIgnored() {
        assertThatThrownBy(() -> Json.readArgument("line", "{\"gtin\":\"1\",\"quantity\":3,\"colour\":\"red\"}",
                new TypeReference<Line>() {
                })).isInstanceOf(ChaincodeException.class).hasMessageContaining("colour");
    }

    @Test
    void refusesAScalarOfAnotherTypeRatherThanCoercingIt() {
        final TypeReference<Line> line = new TypeReference<>() {
        };

        assertThat(Json.readArgument("line", "{\"gtin\":\"1\",\"quantity\":3}", line)).isEqualTo(new Line("1", 3));
        for (final String quantity : List.of("\"3\"", "true")) {
            assertThatThrownBy(() -> Json.readArgument("line", "{\"gtin\":\"1\",\"quantity\":" + quantity + "}",
                    line)).as("quantity %s", quantity)
                    .isInstanceOf(ChaincodeException.class).hasMessageStartingWith("[INVALID_ARGUMENT] line");
        }
    }

    @Test
    void refusesTrailingTextRepeatedKeysAndFractionsForWholeNumbers() {
        final TypeReference<Line> line = new TypeReference<>() {
        };
        final TypeReference<List<String>> strings = new TypeReference<>() {
        };

        assertThatThrownBy(() -> Json.readArgument("serials", "[\"a\"] [\"b\"]", strings))
                .isInstanceOf(ChaincodeException.class).hasMessageStartingWith("[INVALID_ARGUMENT] serials");
        assertThatThrownBy(() -> Json.readArgument("line", "{\"gtin\":\"1\",\"quantity\":3,\"quantity\":4}", line))
                .isInstanceOf(ChaincodeException.class).hasMessageStartingWith("[INVALID_ARGUMENT] line");
        assertThatThrownBy(() -> Json.readArgument("line", "{\"gtin\":\"1\",\"quantity\":3.0}", line))
                .isInstanceOf(ChaincodeException.class).hasMessageStartingWith("[INVALID_ARGUMENT] line");
    }

    @Test
    void refusesANumberOrBooleanWhereTextIsDue() {
        final TypeReference<List<String>> strings = new TypeReference<>() {
        };

        assertThatThrownBy(() -> Json.readArgument("serials", "[\"a\",12]", strings))
                .isInstanceOf(ChaincodeException.class).hasMessageStartingWith("[INVALID_ARGUMENT] serials");
        assertThatThrownBy(() -> Json.readArgument("serials", "[1.5]", strings))
                .isInstanceOf(ChaincodeException.class).hasMessageStartingWith("[INVALID_ARGUMENT] serials");
        assertThatThrownBy(() -> Json.readArgument("serials", "[true]", strings))
                .isInstanceOf(ChaincodeException.class).hasMessageStartingWith("[INVALID_ARGUMENT] serials");
        assertThat(Json.readArgument("serials", "[\"12\"]", strings)).containsExactly("12");
    }
}
