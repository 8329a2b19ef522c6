package org.ptdispatcher.gui.viewmodel;

import javafx.beans.binding.Bindings;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.beans.value.ObservableBooleanValue;
import javafx.collections.ObservableList;
import org.ptdispatcher.engine.common.HostPort;
import org.ptdispatcher.engine.common.LogLevel;
import org.ptdispatcher.gui.engine.ConnectionTestResult;
import org.ptdispatcher.gui.engine.OptimizerLaunch;
import org.ptdispatcher.gui.profile.Profile;
import org.ptdispatcher.gui.share.ProfileImport;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * The connection test of a running client: a destination (the profile's test destination, else
 * its target; for a client through Tor a web page), a connection through the first SOCKS5 proxy
 * the run offers (the engine's, or tor's), and the result. A destination that is an
 * {@code http://} or {@code https://} address is fetched as a page; a {@code host:port} is connected to.
 * The test runs on the background executor; its result arrives through the delivery executor.
 */
public final class ConnectionTestViewModel {
    static final Duration TIMEOUT = Duration.ofSeconds(20);
    /** A page over Tor takes a circuit's build first, and then comes through three relays. */
    static final Duration PAGE_TIMEOUT = Duration.ofSeconds(60);
    /** What a client through Tor fetches unless the profile names another page: Tor's own check, which says whether it came through Tor. */
    public static final String TOR_TEST_PAGE = "https://check.torproject.org/api/ip";
    /** What a client in the proxy model tests unless the profile names another address: a well-known HTTPS name, reached only through the tunnel where it is blocked. */
    public static final String OPEN_INTERNET_TEST = "www.wikipedia.org:443";

    private final AppServices services;
    private final ObservableList<ProxyEndpoint> proxies;
    private final LogViewModel log;
    private Profile profile;

    private final StringProperty destination = new SimpleStringProperty(this, "destination", "");
    private final BooleanProperty testing = new SimpleBooleanProperty(this, "testing", false);
    private final ReadOnlyObjectWrapper<ConnectionTestResult> result = new ReadOnlyObjectWrapper<>(this, "result");
    private final ReadOnlyBooleanWrapper available = new ReadOnlyBooleanWrapper(this, "available", false);

    /**
     * @param running whether the engine is running (announced and done); with a SOCKS5 proxy in
     *                {@code proxies}, the test is available
     */
    ConnectionTestViewModel(Profile profile, ObservableList<ProxyEndpoint> proxies, ObservableBooleanValue running,
                            LogViewModel log, AppServices services) {
        this.profile = profile;
        this.proxies = proxies;
        this.log = log;
        this.services = services;
        destination.set(defaultDestination(profile));
        available.bind(Bindings.createBooleanBinding(() -> running.get() && socksProxy().isPresent(), running, proxies));
        // A result is about the run it was taken in: once that run is gone (stopped, killed), a
        // green one would say a proxy works that no longer exists.
        available.addListener((o, was, now) -> {
            if (!now) {
                result.set(null);
            }
        });
    }

    public StringProperty destinationProperty() {
        return destination;
    }

    public BooleanProperty testingProperty() {
        return testing;
    }

    /** The last test's result; null before the first test of this run. */
    public ReadOnlyObjectProperty<ConnectionTestResult> resultProperty() {
        return result.getReadOnlyProperty();
    }

    /** Whether the test can run now: a running client with a SOCKS5 proxy. */
    public ReadOnlyBooleanProperty availableProperty() {
        return available.getReadOnlyProperty();
    }

    public boolean isAvailable() {
        return available.get();
    }

    /**
     * Connects through the first SOCKS5 proxy to the destination, off the delivery thread; the
     * result arrives in {@link #resultProperty()}. The profile's transport options go along as
     * per-connection arguments (a version-1 PT such as obfs4proxy gets its bridge's cert that way).
     *
     * @return false (and a result saying why) if the destination is not host:port; false if there is no proxy yet
     */
    /**
     * The transport arguments a connection through the profile's local proxy carries in SOCKS (a
     * version-1 PT such as obfs4proxy takes them per connection): the profile's options; none
     * through Tor, whose SOCKS port takes none (tor gives them to the engine), nor for the Optimizer
     * over several bridges ({@link OptimizerLaunch}), whose options are in its launch.
     */
    static Map<String, String> socksArguments(Profile profile) {
        return profile.throughTor() || OptimizerLaunch.appliesTo(profile) ? Map.of() : profile.options();
    }

    public boolean run() {
        Optional<ProxyEndpoint> socks = socksProxy();
        String text = destination.get() == null ? "" : destination.get().trim();
        Optional<URI> page = page(text);
        HostPort target = null;
        if (page.isEmpty()) {
            try {
                target = HostPort.parseDestination(text);
            } catch (IllegalArgumentException e) {
                result.set(new ConnectionTestResult.Unreachable(text, ConnectionTestResult.Failure.BAD_DESTINATION));
                return false;
            }
        }
        if (socks.isEmpty() || testing.get()) {
            return false;
        }
        HostPort proxy = HostPort.parseDestination(socks.get().address());
        testing.set(true);
        result.set(null);
        Map<String, String> args = socksArguments(profile);
        HostPort connectTo = target;
        services.background().execute(() -> {
            ConnectionTestResult outcome = page.isPresent()
                    ? services.connectionTester().fetch(proxy, page.get(), PAGE_TIMEOUT)
                    : services.connectionTester().test(proxy, connectTo, args, TIMEOUT);
            services.delivery().execute(() -> {
                if (available.get()) {
                    result.set(outcome);
                }
                testing.set(false);
                log.note(outcome.succeeded() ? LogLevel.INFO : LogLevel.WARN, "connection test: " + describe(outcome));
            });
        });
        return true;
    }

    /** How long a test of the destination as it stands waits for its answer. */
    public long timeoutSeconds() {
        return (page(destination.get() == null ? "" : destination.get().trim()).isPresent() ? PAGE_TIMEOUT : TIMEOUT).toSeconds();
    }

    /** The profile was edited: a destination the user had not changed follows the new default. */
    void profileChanged(Profile changed) {
        boolean wasDefault = destination.get().equals(defaultDestination(profile));
        profile = changed;
        if (wasDefault) {
            destination.set(defaultDestination(changed));
        }
    }

    /** A new run starts without the last run's result. */
    void reset() {
        result.set(null);
    }

    private Optional<ProxyEndpoint> socksProxy() {
        return proxies.stream().filter(p -> p.protocol().equalsIgnoreCase("socks5")).findFirst();
    }

    /** An http:// or https:// address with a host: a page to fetch. */
    static Optional<URI> page(String text) {
        String lower = text.toLowerCase(java.util.Locale.ROOT);
        if (!lower.startsWith("http://") && !lower.startsWith("https://")) {
            return Optional.empty();
        }
        try {
            URI uri = new URI(text);
            return uri.getHost() == null ? Optional.empty() : Optional.of(uri);
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }

    /** The log's line for a result (the log is English, as the engine's lines are). */
    private static String describe(ConnectionTestResult result) {
        if (result instanceof ConnectionTestResult.Fetched f) {
            return "fetched " + f.destination() + ": HTTP " + f.status() + ", " + f.bytes() + " bytes in " + f.time().toMillis() + " ms";
        }
        if (result instanceof ConnectionTestResult.Answered a) {
            return "connected to " + a.destination() + " in " + a.connect().toMillis() + " ms, answered through the tunnel "
                    + a.answer().toMillis() + " ms later";
        }
        if (result instanceof ConnectionTestResult.Silent q) {
            return "connected to " + q.destination() + " in " + q.connect().toMillis() + " ms, but nothing came back through the tunnel ("
                    + words(q.why()) + ")";
        }
        if (result instanceof ConnectionTestResult.Refused r) {
            return "refused (" + r.replyCode() + ") for " + r.destination();
        }
        ConnectionTestResult.Unreachable u = (ConnectionTestResult.Unreachable) result;
        return "failed for " + u.destination() + ": " + words(u.why()) + (u.detail().isEmpty() ? "" : " (" + u.detail() + ")");
    }

    private static String words(ConnectionTestResult.Failure why) {
        return why.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
    }

    static String defaultDestination(Profile profile) {
        if (!profile.testDestination().isEmpty()) {
            return profile.testDestination();
        }
        if (profile.throughTor()) {
            return TOR_TEST_PAGE;
        }
        // A client whose server is in its options (Shadowsocks' proxy model) reaches whatever the
        // SOCKS request names: its own server's address would be a connection to itself.
        return profile.options().containsKey(ProfileImport.SHADOW_SERVER) ? OPEN_INTERNET_TEST : profile.target();
    }
}
