package org.dawaledger.gateway;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** What {@code ./run.sh} tells a newcomer to paste must work on the demo world it seeds. */
@QuarkusTest
class RunScriptTest {
    private static final Pattern CURL_BODY = Pattern.compile("api/v1/verify.*?-d '(\\{[^']*\\})'", Pattern.DOTALL);

    @Test
    void theCurlRunShPrintsVerifiesAnActiveDemoPack() throws IOException {
        final String script = Files.readString(Path.of("..", "run.sh"));
        final Matcher body = CURL_BODY.matcher(script);
        assertThat(body.find()).as("run.sh prints a curl that verifies a pack").isTrue();

        given().contentType(ContentType.JSON).body(body.group(1)).when().post("/api/v1/verify").then()
                .statusCode(200).body("verdict.verdict", equalTo("ACTIVE"));
    }
}
