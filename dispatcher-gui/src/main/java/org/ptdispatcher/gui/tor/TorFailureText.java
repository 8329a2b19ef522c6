package org.ptdispatcher.gui.tor;

import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;

/**
 * A {@link TorFailure} in words, from the app's bundles: the window passes its {@code Messages},
 * the headless command the English bundle.
 */
public final class TorFailureText {
    /** Looks up a message key and fills in its arguments. */
    public interface Source {
        String get(String key, List<String> arguments);
    }

    private TorFailureText() {
    }

    public static String explain(TorFailure failure, Source messages) {
        List<String> arguments = new ArrayList<>(failure.arguments());
        if (failure instanceof TorFailure.MalformedBridgeLine malformed) {
            arguments.add(messages.get(malformed.problemKey(), malformed.problemArguments()));
        }
        return messages.get(failure.messageKey(), arguments);
    }

    /** The English bundle ({@code messages.properties}), for the terminal. */
    public static Source english() {
        ResourceBundle bundle = ResourceBundle.getBundle("org.ptdispatcher.gui.i18n.messages", Locale.ROOT,
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
        // As Messages.get: a pattern is formatted only when there are arguments to put in.
        return (key, arguments) -> arguments.isEmpty() ? bundle.getString(key)
                : new MessageFormat(bundle.getString(key), Locale.ENGLISH).format(arguments.toArray());
    }
}
