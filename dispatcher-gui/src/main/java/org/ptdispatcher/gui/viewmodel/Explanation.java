package org.ptdispatcher.gui.viewmodel;

import java.util.List;
import java.util.Optional;

/**
 * An error from the engine in words: a sentence for the user (a message key, localized by the
 * view), the engine's own text as evidence, and the field to fix, when one is to blame.
 *
 * @param field a {@link org.ptdispatcher.gui.profile.ProfileField} name
 */
public record Explanation(String messageKey, List<String> args, String detail, Optional<String> field) {
    public Explanation {
        args = List.copyOf(args);
    }
}
