package org.ptdispatcher.gui.engine;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.ptdispatcher.gui.profile.Profile;
import org.ptdispatcher.gui.share.MoreBridgesCheck;
import org.ptdispatcher.gui.share.ProfileImport;
import org.ptdispatcher.gui.share.ShareFormatException;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A client that runs without Tor and has more bridges is launched as the engine's Optimizer over
 * them: the profile's own bridge first, then each more bridge in order, as the Optimizer's
 * {@code transports} (shapeshifter-dispatcher's shape: name, config, address), with the strategy
 * {@value #STRATEGY}: each connection goes to the bridge that last carried one, and when that one
 * fails, to the next that works, which it then keeps. So a bridge that stops working is replaced
 * while the profile runs, for the next connection, without the user acting. Every other profile is
 * launched as it is.
 */
public final class OptimizerLaunch {
    static final String STRATEGY = "track";
    private static final ObjectMapper JSON = new ObjectMapper();

    private OptimizerLaunch() {
    }

    /**
     * The engine's LOG line for a connection one entry carried, as {@code OptimizerDialer} writes it:
     * {@code Optimizer: transports[1] (shadow) carries the connection to ...}.
     */
    private static final Pattern CARRIED = Pattern.compile("^Optimizer: transports\\[(\\d+)] \\([^)]*\\) carries the connection");

    /**
     * The bridge a LOG message of the engine says carried a connection, as the user's lines name it
     * (transport and address); empty for any other message.
     */
    public static Optional<String> carrier(Profile profile, String logMessage) {
        Matcher m = CARRIED.matcher(logMessage);
        if (!appliesTo(profile) || !m.find()) {
            return Optional.empty();
        }
        int index = Integer.parseInt(m.group(1));
        Profile bridge;
        try {
            bridge = index == 0 ? profile : index <= profile.moreBridges().size() ? ProfileImport.fromLine(profile.moreBridges().get(index - 1)) : null;
        } catch (ShareFormatException e) {
            bridge = null;
        }
        if (bridge == null) {
            return Optional.empty();
        }
        String address = bridge.options().getOrDefault(ProfileImport.SHADOW_SERVER, "");
        return Optional.of(bridge.transport() + " " + (address.isBlank() ? bridge.target() : address));
    }

    /** Whether {@code profile} runs as the Optimizer: a client without Tor that has more bridges. */
    public static boolean appliesTo(Profile profile) {
        return profile.isClient() && !profile.throughTor() && !profile.moreBridges().isEmpty();
    }

    /** The profile to launch for {@code profile}: itself, or the Optimizer over its bridges. */
    public static Profile launched(Profile profile) {
        if (!appliesTo(profile)) {
            return profile;
        }
        List<Map<String, Object>> transports = new ArrayList<>();
        transports.add(entry(profile));
        for (String line : profile.moreBridges()) {
            try {
                transports.add(entry(ProfileImport.fromLine(line)));
            } catch (ShareFormatException e) {
                throw new IllegalArgumentException("more bridge " + (transports.size()) + " is not a line (MoreBridgesCheck says so first)", e);
            }
        }
        Map<String, String> options = new LinkedHashMap<>();
        try {
            options.put("transports", JSON.writeValueAsString(transports));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("maps of strings did not render as JSON", e);
        }
        options.put("strategy", STRATEGY);
        return profile.toBuilder().transport(MoreBridgesCheck.OPTIMIZER).options(options).build();
    }

    /**
     * One bridge as an Optimizer entry: its transport, its options and, unless its options name the
     * server (Shadowsocks in the proxy model, where the application's request names where to go),
     * its address.
     */
    private static Map<String, Object> entry(Profile bridge) {
        Map<String, String> config = new TreeMap<>();
        bridge.options().forEach((k, v) -> {
            if (!v.isBlank()) {
                config.put(k, v.trim());
            }
        });
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("name", bridge.transport());
        entry.put("config", config);
        if (bridge.options().getOrDefault(ProfileImport.SHADOW_SERVER, "").isBlank()) {
            entry.put("address", bridge.target());
        }
        return entry;
    }
}
