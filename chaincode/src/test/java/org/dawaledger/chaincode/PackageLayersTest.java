package org.dawaledger.chaincode;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The contract's packages form layers: each may use the ones below it and never one above, so a rule can be read
 * without the rules built on it. Checked on the source, imports and fully qualified names alike.
 */
class PackageLayersTest {
    /** Bottom first. The root package holds the contract, which uses every rule. */
    private static final List<String> LAYERS = List.of("ledger", "participant", "stock", "product", "alert", "pack",
            "custody", "");
    private static final Path SOURCES = Path.of("src/main/java/org/dawaledger/chaincode");
    private static final Pattern PACKAGE = Pattern.compile("^package org\\.dawaledger\\.chaincode(?:\\.(\\w+))?;",
            Pattern.MULTILINE);
    private static final Pattern USE = Pattern.compile("org\\.dawaledger\\.chaincode\\.(\\w+)\\.[A-Z]");
    private static final Pattern ROOT_USE = Pattern.compile("org\\.dawaledger\\.chaincode\\.[A-Z]");

    @Test
    void noPackageUsesAPackageAboveIt() throws IOException {
        final List<String> violations = new ArrayList<>();
        try (Stream<Path> files = Files.walk(SOURCES)) {
            files.filter(path -> path.toString().endsWith(".java")).forEach(path -> check(path, violations));
        }
        assertThat(violations).isEmpty();
    }

    @Test
    void everyPackageOfTheContractHasALayer() throws IOException {
        try (Stream<Path> dirs = Files.list(SOURCES)) {
            assertThat(dirs.filter(Files::isDirectory).map(dir -> dir.getFileName().toString()))
                    .allSatisfy(name -> assertThat(LAYERS).contains(name));
        }
    }

    private static void check(final Path path, final List<String> violations) {
        final String source;
        try {
            source = Files.readString(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        final Matcher declared = PACKAGE.matcher(source);
        assertThat(declared.find()).as("package of %s", path).isTrue();
        final String own = declared.group(1) == null ? "" : declared.group(1);
        final int ownLayer = LAYERS.indexOf(own);
        final Matcher use = USE.matcher(source);
        while (use.find()) {
            final String used = use.group(1);
            if (LAYERS.indexOf(used) > ownLayer) {
                violations.add(path.getFileName() + " (" + own + ") uses " + used);
            }
        }
        if (!own.isEmpty() && ROOT_USE.matcher(source).find()) {
            violations.add(path.getFileName() + " (" + own + ") uses the root package");
        }
    }
}
