package org.ptdispatcher.gui.testing;

import org.ptdispatcher.engine.common.HostPort;
import org.ptdispatcher.gui.engine.ConnectionTestResult;
import org.ptdispatcher.gui.engine.ConnectionTester;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The app's {@link ConnectionTester} for view-model tests: notes each test and answers with the result the test set. */
public final class FakeConnectionTester implements ConnectionTester {
    /** One test as asked. */
    public record Call(HostPort proxy, HostPort destination, Map<String, String> args) {
    }

    private final List<Call> calls = new ArrayList<>();
    private final List<URI> pages = new ArrayList<>();
    private ConnectionTestResult pageAnswer = new ConnectionTestResult.Fetched("", 200, 1234, Duration.ofMillis(70));
    private ConnectionTestResult answer = new ConnectionTestResult.Answered("", Duration.ofMillis(7), Duration.ofMillis(3));

    public FakeConnectionTester answering(ConnectionTestResult result) {
        answer = result;
        return this;
    }

    public FakeConnectionTester answeringPages(ConnectionTestResult result) {
        pageAnswer = result;
        return this;
    }

    /** The pages fetched, in order. */
    public synchronized List<URI> pages() {
        return List.copyOf(pages);
    }

    /** The proxies the pages were fetched through, in order. */
    public synchronized List<HostPort> pageProxies() {
        return List.copyOf(pageProxies);
    }

    private final List<HostPort> pageProxies = new ArrayList<>();

    @Override
    public synchronized ConnectionTestResult fetch(HostPort proxy, URI page, Duration timeout) {
        pages.add(page);
        pageProxies.add(proxy);
        return pageAnswer;
    }

    public synchronized List<Call> calls() {
        return List.copyOf(calls);
    }

    @Override
    public synchronized ConnectionTestResult test(HostPort proxy, HostPort destination, Map<String, String> args, Duration timeout) {
        calls.add(new Call(proxy, destination, Map.copyOf(args)));
        return answer;
    }
}
