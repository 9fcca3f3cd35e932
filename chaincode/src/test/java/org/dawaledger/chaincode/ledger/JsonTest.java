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
        final Participant participant = new Participant("9500000000012", Role.PHARMACY, "Pharmacy", "L-1", "MSP",
                "x509::CN=a::CN=b", ParticipantStatus.ACTIVE, null, "2026-01-15T09:00:00Z", "9500000000012",
                "2026-01-15T09:00:00Z", "tx");

        assertThat(Json.bytes(participant)).isEqualTo(Json.bytes(participant));
        assertThat(new String(Json.bytes(participant), StandardCharsets.UTF_8))
                .doesNotContain("active\"").doesNotContain("statusReason");
    }

    @Test
    void readsBackWhatItStored() {
        final Participant participant = new Participant("9500000000012", Role.PHARMACY, "Pharmacy", "L-1", "MSP",
                "x509::CN=a::CN=b", ParticipantStatus.SUSPENDED, "audit", "t1", "9500000000029", "t2", "tx");

        assertThat(Json.readStored(Json.bytes(participant), Participant.class)).isEqualTo(participant);
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
}
