package org.ptdispatcher.gui.testing;

import org.ptdispatcher.gui.engine.DemoEcho;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

/** The app's {@link DemoEcho} for view-model tests: ports counted up from 40001, and where it was told to listen. */
public final class FakeDemoEcho implements DemoEcho {
    private int nextPort = 40001;
    private final List<Integer> listenedOn = new ArrayList<>();
    private boolean listening;
    private boolean portTaken;

    /** Every later {@link #listenOn} fails as a port in use does. */
    public FakeDemoEcho withPortTaken() {
        portTaken = true;
        return this;
    }

    public List<Integer> listenedOn() {
        return listenedOn;
    }

    /** The port it listens on now, if any. */
    public OptionalInt listening() {
        return listening ? OptionalInt.of(listenedOn.get(listenedOn.size() - 1)) : OptionalInt.empty();
    }

    @Override
    public int freePort() {
        return nextPort++;
    }

    @Override
    public void listenOn(int port) throws IOException {
        if (portTaken) {
            throw new IOException("Address already in use");
        }
        listenedOn.add(port);
        listening = true;
    }

    @Override
    public void close() {
        listening = false;
    }
}
