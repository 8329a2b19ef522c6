package org.ptdispatcher.gui.viewmodel;

import javafx.beans.InvalidationListener;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import org.ptdispatcher.engine.common.HostPort;
import org.ptdispatcher.engine.common.ProxyMode;
import org.ptdispatcher.engine.common.Role;
import org.ptdispatcher.gui.i18n.Messages;
import org.ptdispatcher.gui.profile.Profile;
import org.ptdispatcher.gui.sysproxy.ProxyTarget;
import org.ptdispatcher.gui.sysproxy.SystemProxy;
import org.ptdispatcher.gui.tor.TorProxies;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;

/**
 * The system proxy switch: at most one running client at a time is the operating system's proxy.
 * Turning it on journals the settings before (see {@link SystemProxy}); they come back when the
 * switch is turned off, when that run stops or dies, when the app quits, and on the next start if
 * the app died with it on. The settings tools run on the background executor; the state changes
 * on the delivery thread.
 */
public final class SystemProxyViewModel {
    private final SystemProxy systemProxy;
    private final AppServices services;
    private final Predicate<Profile> takesAnyDestination;
    private final Messages messages;
    private final StatusLine status;
    private final ReadOnlyObjectWrapper<RunViewModel> usedBy = new ReadOnlyObjectWrapper<>(this, "usedBy");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy", false);
    private final ReadOnlyObjectWrapper<Explanation> notice = new ReadOnlyObjectWrapper<>(this, "notice");
    private final InvalidationListener releaseWhenNotRunning = o -> releaseIfStopped();

    /** @param takesAnyDestination whether a client's proxy reaches any address a program asks for (not only a bridge) */
    SystemProxyViewModel(SystemProxy systemProxy, AppServices services, Predicate<Profile> takesAnyDestination, Messages messages,
                         StatusLine status) {
        this.systemProxy = systemProxy;
        this.services = services;
        this.takesAnyDestination = takesAnyDestination;
        this.messages = messages;
        this.status = status;
    }

    /** The run whose proxy is the system's; null when the switch is off. */
    public ReadOnlyObjectProperty<RunViewModel> usedByProperty() {
        return usedBy.getReadOnlyProperty();
    }

    /** The settings tools are running: the switch waits. */
    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    /** What the last change did, or why it failed; null before the first. */
    public ReadOnlyObjectProperty<Explanation> noticeProperty() {
        return notice.getReadOnlyProperty();
    }

    /**
     * Whether {@code profile}'s run can be the system proxy: a client through Tor, or one whose
     * transport carries the destination; an obfs4 client without Tor only reaches its bridge.
     */
    public boolean offeredFor(Profile profile) {
        return profile.role() == Role.CLIENT && (profile.throughTor() || profile.mode() == ProxyMode.SOCKS5 && takesAnyDestination.test(profile));
    }

    /** Whether the switch can be turned on for {@code run} now: a client it is offered for, running, its proxy known. */
    public boolean availableFor(RunViewModel run) {
        return offeredFor(run.profile()) && targetOf(run).isPresent();
    }

    /** The proxy {@code run} offers the system, once it runs. */
    static Optional<ProxyTarget> targetOf(RunViewModel run) {
        if (run.state() != RunState.RUNNING) {
            return Optional.empty();
        }
        if (run.withTor()) {
            TorProxies tor = run.torProxiesProperty().get();
            return tor == null ? Optional.empty() : Optional.of(ProxyTarget.torPorts(tor.socks(), tor.http()));
        }
        return run.proxies().stream().filter(p -> p.protocol().equalsIgnoreCase("socks5")).findFirst()
                .map(p -> ProxyTarget.socksAndHttp(HostPort.parseBindable(p.address())));
    }

    /** Turns the switch on for {@code run} (off for any other run). */
    public void use(RunViewModel run) {
        Optional<ProxyTarget> target = targetOf(run);
        if (busy.get() || !availableFor(run)) {
            return;
        }
        busy.set(true);
        services.background().execute(() -> {
            try {
                List<String> places = systemProxy.apply(target.get());
                services.delivery().execute(() -> {
                    watch(run);
                    say("sysproxy.on", String.join(", ", places), target.get().socks().toString());
                });
            } catch (IOException | RuntimeException e) {
                services.delivery().execute(() -> fail("sysproxy.applyFailed", e));
            }
        });
    }

    /**
     * Turns the switch off: the settings from before are put back. The returned future completes
     * on the background thread (the app's quit waits for it on the FX thread).
     */
    public CompletableFuture<Void> release() {
        return restore("sysproxy.off");
    }

    /** At start: if the app died with the switch on last time, the settings from before are put back. */
    public CompletableFuture<Void> recover() {
        return restore("sysproxy.recovered");
    }

    private CompletableFuture<Void> restore(String restoredKey) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        busy.set(true);
        watch(null);
        services.background().execute(() -> {
            try {
                SystemProxy.Restored restored = systemProxy.restore();
                services.delivery().execute(() -> {
                    if (!restored.leftAlone().isEmpty()) {
                        say("sysproxy.leftAlone", String.join(", ", restored.leftAlone()));
                    } else if (!restored.nothing()) {
                        say(restoredKey, String.join(", ", restored.places()));
                    } else {
                        busy.set(false);
                    }
                });
            } catch (IOException | RuntimeException e) {
                services.delivery().execute(() -> fail("sysproxy.restoreFailed", e));
            } finally {
                done.complete(null);
            }
        });
        return done;
    }

    private void releaseIfStopped() {
        RunViewModel run = usedBy.get();
        if (run != null && !run.state().holdsTheSystemProxy()) {
            release();
        }
    }

    private void watch(RunViewModel run) {
        RunViewModel old = usedBy.get();
        if (old != null) {
            old.stateProperty().removeListener(releaseWhenNotRunning);
        }
        usedBy.set(run);
        if (run != null) {
            run.stateProperty().addListener(releaseWhenNotRunning);
        }
    }

    private void say(String key, String... args) {
        notice.set(new Explanation(key, List.of(args), "", Optional.empty()));
        status.say(m -> m.get(key, (Object[]) args));
        busy.set(false);
    }

    private void fail(String key, Exception e) {
        notice.set(new Explanation(key, List.of(), String.valueOf(e.getMessage()), Optional.empty()));
        status.say(m -> m.get(key) + " " + e.getMessage());
        busy.set(false);
    }
}
