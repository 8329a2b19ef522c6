package org.ptdispatcher.gui.viewmodel;

import org.ptdispatcher.gui.i18n.Messages;
import org.ptdispatcher.gui.login.StartAtLogin;

import java.io.IOException;

/**
 * "Start PT Dispatcher when I log in": what the system says now, and turning it on or off with
 * the system's own mechanism; a failure is said in the status line and changes nothing else.
 */
public final class StartAtLoginViewModel {
    private final StartAtLogin startAtLogin;
    private final Messages messages;
    private final StatusLine status;

    StartAtLoginViewModel(StartAtLogin startAtLogin, Messages messages, StatusLine status) {
        this.startAtLogin = startAtLogin;
        this.messages = messages;
        this.status = status;
    }

    /** Whether the option can be offered: only an installed app has a launcher for the system to start. */
    public boolean available() {
        return startAtLogin.available();
    }

    /** Why the option is not offered, in a sentence. */
    public String unavailableReason() {
        return messages.get("login.unavailable");
    }

    /** Whether the system will start the app at the next login; a system that cannot say counts as off. */
    public boolean isOn() {
        try {
            return startAtLogin.isOn();
        } catch (IOException e) {
            return false;
        }
    }

    /** Turns it on or off; returns whether the system now does as asked. */
    public boolean set(boolean on) {
        if (on == isOn()) {
            return true;
        }
        try {
            if (on) {
                startAtLogin.turnOn();
            } else {
                startAtLogin.turnOff();
            }
            return true;
        } catch (IOException e) {
            status.say(m -> m.get(on ? "login.turnOnFailed" : "login.turnOffFailed", e.getMessage()));
            return false;
        }
    }
}
