package org.dawaledger.gateway.auth;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Set;
import org.dawaledger.gateway.ledger.Wallet;

/**
 * The organisation admin's command for bearer tokens, run beside the gateway on the same data folder
 * ({@code gateway-api/token.sh}):
 *
 * <pre>
 *   token.sh issue PARTICIPANT   prints a new token naming PARTICIPANT (shown once)
 *   token.sh revoke ID           revokes token ID (the 8 hex digits after dlt_); the gateway refuses it at once
 *   token.sh list                lists every token: id, participant, issued, status
 * </pre>
 *
 * Exit codes: 0 done, 1 no such token, 2 bad usage.
 */
public final class TokenCommand {
    private TokenCommand() {
    }

    public static void main(final String[] args) {
        System.exit(run(args, Path.of(System.getenv().getOrDefault("DAWALEDGER_DATA_DIR", "data")), System.out,
                System.err));
    }

    static int run(final String[] args, final Path dataDir, final PrintStream out, final PrintStream err) {
        final TokenStore tokens = new TokenStore(dataDir);
        // The participants of the gateway that runs on this data folder: in Fabric mode its organisation's own.
        final Set<String> participants = Wallet.participantsIn(dataDir);
        if (args.length == 2 && args[0].equals("issue")) {
            if (!participants.contains(args[1])) {
                err.println("token: no participant " + args[1] + " in this gateway's wallet; it has "
                        + String.join(", ", participants));
                return 2;
            }
            out.println(tokens.issue(args[1]));
            return 0;
        }
        if (args.length == 2 && args[0].equals("revoke")) {
            if (!tokens.revoke(args[1])) {
                err.println("token: no token " + args[1]);
                return 1;
            }
            out.println("revoked " + args[1]);
            return 0;
        }
        if (args.length == 1 && args[0].equals("list")) {
            tokens.list().forEach(entry -> out.printf("%s %s %s %s%n", entry.id(), entry.participant(),
                    entry.issued(), entry.revoked() ? "revoked" : "active"));
            return 0;
        }
        err.println("usage: token.sh issue PARTICIPANT | revoke ID | list   (participants: "
                + String.join(", ", participants) + ")");
        return 2;
    }
}
