package org.dawaledger.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.dawaledger.ledger.identity.LocalCa;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CallerTest {
    @TempDir
    Path folder;

    @Test
    void anEcKeyThatBouncyCastleCallsEcdsaSignsWithEcdsaOnTheJdksOwnSignatures() throws Exception {
        // As Fabric's Identities.readPrivateKey gives a PEM key where Bouncy Castle is a registered provider.
        final KeyPairGenerator generator = KeyPairGenerator.getInstance("ECDSA", new BouncyCastleProvider());
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        final KeyPair pair = generator.generateKeyPair();
        assertThat(pair.getPrivate().getAlgorithm()).isEqualTo("ECDSA");
        final Caller member = LocalCa.open(folder, "PharmacyMSP").member("till", LocalCa.Role.CLIENT);
        final Caller caller = new Caller("PharmacyMSP", member.certificate(), pair.getPrivate());

        final byte[] signature = caller.sign(new byte[] {1, 2, 3});

        final Signature check = Signature.getInstance("SHA256withECDSA", new BouncyCastleProvider());
        check.initVerify(pair.getPublic());
        check.update(new byte[] {1, 2, 3});
        assertThat(check.verify(signature)).isTrue();
    }
}
