package org.ptdispatcher.gui.profile;

import java.util.List;

/**
 * What is wrong with one field of a profile, as a message key and its arguments, so the view can
 * say it in the user's language next to the field.
 *
 * @param field a {@link ProfileField} name, or {@link ProfileField#option(String)} for a transport option
 */
public record FieldProblem(String field, String messageKey, List<String> args) {
    public FieldProblem {
        args = List.copyOf(args);
    }

    public static FieldProblem of(String field, String messageKey, String... args) {
        return new FieldProblem(field, messageKey, List.of(args));
    }
}
