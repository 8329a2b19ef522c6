package org.ptdispatcher.gui.testing;

import org.ptdispatcher.engine.common.HostPort;
import org.ptdispatcher.gui.engine.ConnectionTestResult;
import org.ptdispatcher.gui.engine.ConnectionTester;

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
    private ConnectionTestResult answer = new ConnectionTestResult.Connected("", Duration.ofMillis(7));

    public FakeConnectionTester answering(ConnectionTestResult result) {
        answer = result;
        return this;
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
