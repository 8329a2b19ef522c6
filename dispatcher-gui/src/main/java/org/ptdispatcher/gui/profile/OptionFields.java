package org.ptdispatcher.gui.profile;

import org.ptdispatcher.engine.common.Role;
import org.ptdispatcher.engine.transport.Transport;
import org.ptdispatcher.engine.transport.TransportOption;

import java.util.List;

/** Which of a transport's published options a profile of a given role shows and sends. */
public final class OptionFields {
    private OptionFields() {
    }

    public static List<TransportOption> forRole(Transport transport, Role role) {
        TransportOption.Side own = role == Role.CLIENT ? TransportOption.Side.CLIENT : TransportOption.Side.SERVER;
        return transport.options().stream()
                .filter(o -> o.side() == own || o.side() == TransportOption.Side.BOTH)
                .toList();
    }
}
