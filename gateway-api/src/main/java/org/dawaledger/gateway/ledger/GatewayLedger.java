package org.dawaledger.gateway.ledger;

import io.grpc.ManagedChannel;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.SortedMap;
import java.util.TreeMap;
import org.dawaledger.chaincode.ChaincodeService;
import org.dawaledger.gateway.demo.DemoWorld;
import org.dawaledger.ledger.Caller;
import org.dawaledger.ledger.EmbeddedLedger;
import org.dawaledger.ledger.FabricLedger;
import org.dawaledger.ledger.Ledger;
import org.dawaledger.ledger.identity.LocalCa;
import org.dawaledger.ledger.state.BlockStore;
import org.dawaledger.ledger.store.RocksStore;
import org.jboss.logging.Logger;

/**
 * The ledger this gateway runs on, opened at start ({@code dawaledger.ledger}), its store in the data folder's
 * {@code ledger/}:
 *
 * <ul>
 *   <li><b>embedded</b> (default): the embedded ledger, with a CA per organisation created in the data folder at
 *       first start, all five organisations' demo members, and the demo world seeded into a new ledger;
 *   <li><b>fabric</b>: one organisation's gateway on the network ({@code dawaledger.fabric.*}): writes through its
 *       peer, reads on a local copy that follows the peer and resumes from its own height after a restart; the
 *       wallet holds that organisation's participants only.
 * </ul>
 */
@Startup
@ApplicationScoped
public class GatewayLedger {
    private static final Logger LOG = Logger.getLogger(GatewayLedger.class);

    private final Ledger ledger;
    private final Caller publicCaller;
    private final DemoWorld.Members members;
    /** The Fabric ledger beneath {@link #ledger}, and its channel to the peer; null on the embedded ledger. */
    private final FabricLedger fabric;
    private final ManagedChannel peer;
    private final long heightAtStart;
    private volatile OptionalLong peerHeightAtStart = OptionalLong.empty();

    GatewayLedger(final GatewayConfig config, final MeterRegistry registry) {
        final Opened opened = config.ledger() == GatewayConfig.Mode.FABRIC ? openFabric(config, registry)
                : openEmbedded(config, registry);
        this.ledger = opened.ledger();
        this.publicCaller = opened.publicCaller();
        this.members = opened.members();
        this.fabric = opened.fabric();
        this.peer = opened.peer();
        this.heightAtStart = opened.heightAtStart();
        if (fabric != null) {
            askPeerHeight();
        }
    }

    /** What either mode opens. */
    private record Opened(Ledger ledger, Caller publicCaller, DemoWorld.Members members, FabricLedger fabric,
            ManagedChannel peer, long heightAtStart) {
    }

    private static Opened openEmbedded(final GatewayConfig config, final MeterRegistry registry) {
        final Path data = config.dataDir();
        final Map<Organisation, LocalCa> authorities = new EnumMap<>(Organisation.class);
        final EmbeddedLedger.Builder builder = EmbeddedLedger.builder(RocksStore.open(data.resolve("ledger")),
                ChaincodeService.inProcess(config.regulatorMspId()));
        for (final Organisation organisation : Organisation.values()) {
            final LocalCa ca = LocalCa.open(data.resolve("ca").resolve(organisation.folder()),
                    organisation.mspId());
            authorities.put(organisation, ca);
            builder.member(organisation.mspId(), ca.certificate());
        }
        final EmbeddedLedger embedded = builder.open();
        Wallet.holdEmbedded(data);
        final Ledger ledger = new MeteredLedger(embedded, registry);
        final DemoWorld.Members members = (organisation, name, role) -> authorities.get(organisation)
                .member(name, role);
        final long heightAtStart = embedded.height();
        if (heightAtStart == 1 && config.demo()) {
            DemoWorld.seed(ledger, members);
            LOG.infof("seeded the demo world into a new ledger in %s", data.toAbsolutePath());
        }
        LOG.infof("embedded ledger at height %d in %s", ledger.height(), data.toAbsolutePath());
        // Anyone may verify a pack: the gateway reads for anonymous callers as an identity of its own.
        return new Opened(ledger, authorities.get(Organisation.REGULATOR).member("public-verifier",
                LocalCa.Role.CLIENT), members, null, null, heightAtStart);
    }

    private static Opened openFabric(final GatewayConfig config, final MeterRegistry registry) {
        final Path data = config.dataDir();
        final GatewayConfig.Fabric settings = config.fabric();
        final Organisation organisation = Organisation.ofMspId(required(settings.mspId(), "msp-id"));
        final String endpoint = required(settings.peerEndpoint(), "peer-endpoint");
        final ManagedChannel peer = FabricLedger.peer(endpoint, required(settings.tlsCaCert(), "tls-ca-cert"));
        final SortedMap<String, Caller> identities = FabricIdentities.read(
                settings.identities().orElse(data.resolve("identities")), organisation.mspId());
        final Map<String, Wallet.Identity> wallet = new TreeMap<>();
        identities.keySet().forEach(name -> wallet.put(name, new Wallet.Identity(organisation, name)));
        Wallet.hold(data, wallet);
        final RocksStore store = RocksStore.open(data.resolve("ledger"));
        final long heightAtStart = new BlockStore(store).height();
        final FabricLedger fabric = FabricLedger.builder(store, ChaincodeService.inProcess(config.regulatorMspId()),
                        peer)
                .channel(settings.channel()).chaincodeName(settings.chaincode())
                // Any of its members may follow the peer's blocks: the channel's readers are all of them.
                .organisation(identities.get(identities.firstKey()))
                .endorsingPartners(settings.endorsingPartners().map(list -> list.toArray(String[]::new))
                        .orElseGet(() -> othersThan(organisation)))
                .open();
        final DemoWorld.Members members = (owner, name, role) -> {
            if (owner != organisation) {
                throw new IllegalArgumentException("this gateway is " + organisation + "'s: it holds no " + owner
                        + " identity");
            }
            final Caller member = identities.get(name);
            if (member == null) {
                throw new IllegalArgumentException("no identity " + name + " among " + identities.keySet());
            }
            return member;
        };
        LOG.infof("Fabric ledger: %s through its peer %s, channel %s, chaincode %s; participants %s; the local copy"
                + " in %s resumes at height %d", organisation.mspId(), endpoint, settings.channel(),
                settings.chaincode(), identities.keySet(), data.toAbsolutePath(), heightAtStart);
        // Anonymous reads run on the local copy only, as an identity of the gateway's own that no one licensed.
        return new Opened(new MeteredLedger(fabric, registry), LocalCa.open(data.resolve("ca").resolve("public"),
                organisation.mspId()).member("public-verifier", LocalCa.Role.CLIENT), members, fabric, peer,
                heightAtStart);
    }

    private static <T> T required(final Optional<T> value, final String key) {
        return value.orElseThrow(() -> new IllegalStateException("dawaledger.ledger=fabric needs dawaledger.fabric."
                + key + " (docs/operations.md)"));
    }

    private static String[] othersThan(final Organisation organisation) {
        return Arrays.stream(Organisation.values()).filter(o -> o != organisation).map(Organisation::mspId)
                .toArray(String[]::new);
    }

    /** The ledger. */
    public Ledger ledger() {
        return ledger;
    }

    /** The identity anonymous reads run as. */
    public Caller publicCaller() {
        return publicCaller;
    }

    /**
     * A member of an organisation: on the embedded ledger issued by its CA at first use and kept in the data folder;
     * in Fabric mode one of this organisation's identities, by its participant's name (the role is the certificate's).
     *
     * @throws IllegalArgumentException in Fabric mode, for another organisation or a name it holds no identity of
     */
    public Caller member(final Organisation organisation, final String name, final LocalCa.Role role) {
        return members.member(organisation, name, role);
    }

    /** Whether it runs on the Fabric network rather than the embedded ledger. */
    public boolean onFabric() {
        return fabric != null;
    }

    /** The local copy's height when the gateway started: where it resumed. */
    public long heightAtStart() {
        return heightAtStart;
    }

    /**
     * In Fabric mode, the peer's height when the gateway started, which the local copy must reach to be ready: asked
     * at start, or at the first call after, when the peer did not answer then. Empty on the embedded ledger.
     *
     * @throws IllegalStateException if the peer has not answered yet and does not answer now
     */
    public OptionalLong peerHeightAtStart() {
        if (fabric != null && peerHeightAtStart.isEmpty()) {
            peerHeightAtStart = OptionalLong.of(fabric.peerHeight());
        }
        return peerHeightAtStart;
    }

    private void askPeerHeight() {
        try {
            peerHeightAtStart();
        } catch (IllegalStateException e) {
            LOG.warnf("the peer does not answer yet (%s); readiness will ask again", e.getMessage());
        }
    }

    /** In Fabric mode, why the local copy stopped following the peer for good (another network's ledger). */
    public Optional<RuntimeException> followerFailure() {
        return fabric == null ? Optional.empty() : fabric.followerFailure();
    }

    @PreDestroy
    void close() {
        ledger.close();
        if (peer != null) {
            peer.shutdownNow();
        }
    }
}
