package org.ptdispatcher.gui.viewmodel;

import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import org.junit.jupiter.api.Test;
import org.ptdispatcher.engine.common.ProxyMode;
import org.ptdispatcher.engine.common.Role;
import org.ptdispatcher.engine.config.LaunchCommand;
import org.ptdispatcher.engine.transport.TransportRegistry;
import org.ptdispatcher.gui.engine.EngineProgram;
import org.ptdispatcher.gui.i18n.Language;
import org.ptdispatcher.gui.i18n.Messages;
import org.ptdispatcher.gui.profile.Profile;
import org.ptdispatcher.gui.profile.ProfileField;
import org.ptdispatcher.gui.profile.TorMode;
import org.ptdispatcher.gui.testing.ChosenFiles;
import org.ptdispatcher.gui.testing.FormTestTransport;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The form without a window: fields from the transport's description, problems in words, the live preview. */
class ProfileFormViewModelTest {
    private final Messages messages = new Messages(Language.ENGLISH);
    private final EngineProgram program = new EngineProgram(List.of("/opt/ptd/ptdispatcher"), true);
    private final ObjectProperty<EngineSetup> engine =
            new SimpleObjectProperty<>(new EngineSetup(Optional.of(program), LaunchCommand.Style.FLAGS));
    private final ChosenFiles files = new ChosenFiles();

    private ProfileFormViewModel form(Profile profile) {
        return new ProfileFormViewModel(TransportRegistry.load(), messages,
                engine, p -> Path.of("/state", p.id()), files, profile);
    }

    @Test
    void optionFieldsComeFromTheTransportsDescriptionForTheRole() {
        ProfileFormViewModel client = form(Profile.blank(Role.CLIENT, "c", FormTestTransport.NAME));
        assertEquals(List.of("password", "cipherName", "retries"), client.optionFields().stream().map(OptionField::name).toList());
        ProfileFormViewModel server = form(Profile.blank(Role.SERVER, "s", FormTestTransport.NAME));
        assertEquals(List.of("password", "cipherName", "replayFilter"), server.optionFields().stream().map(OptionField::name).toList());

        client.transportProperty().set("plain");
        assertEquals(List.of(), client.optionFields(), "plain publishes no options");
    }

    @Test
    void problemsAreSentencesAtTheirFieldsAndFollowTheLanguage() {
        ProfileFormViewModel form = form(Profile.blank(Role.CLIENT, "c", FormTestTransport.NAME));
        assertEquals("password is required: the transport cannot work without it.", form.problems().get(ProfileField.option("password")));
        assertFalse(form.isValid());
        assertEquals("Fix the fields marked in red to see the command.", form.previewProperty().get());

        option(form, "retries").valueProperty().set("many");
        assertEquals("retries must be a whole number.", form.problems().get(ProfileField.option("retries")));
        form.listenProperty().set("localhost:1080");
        assertEquals("Write an IP address and a port, for example 127.0.0.1:1080. Host names are not allowed here.",
                form.problems().get(ProfileField.LISTEN));

        messages.languageProperty().set(Language.RUSSIAN);
        assertEquals("retries должен быть целым числом.", form.problems().get(ProfileField.option("retries")));
    }

    @Test
    void moreBridgesAreOneLinePerBridgeAndABadOneIsAProblemAtTheirField() {
        String own = "obfs4 192.0.2.3:443 4352E58420E68F5E40BF7C74FADDCCD9D1349413 cert=AAAA iat-mode=0";
        String more = "obfs4 192.0.2.4:443 0BAC39417268B96B9F514E7F63FA6FBA1A788955 cert=BBBB iat-mode=0";
        Profile bridges = org.ptdispatcher.gui.share.ProfileImport.parse(own + "\n" + more).profiles().get(0);
        ProfileFormViewModel form = form(bridges);
        assertEquals(more, form.moreBridgesProperty().get());
        assertTrue(form.isValid(), form.problems().toString());

        form.moreBridgesProperty().set(more + "\n\nobfs4 192.0.2.5\n");
        assertEquals(List.of(more, "obfs4 192.0.2.5"), form.toProfile().moreBridges(), "blank lines left out");
        assertEquals("Bridge 2 of the more bridges cannot be used: copy its line again, whole, from where you got it.",
                form.problems().get(ProfileField.MORE_BRIDGES));
        assertFalse(form.isValid());

        form.moreBridgesProperty().set(more);
        form.torModeProperty().set(TorMode.DIRECT);
        assertTrue(form.isValid(), "without Tor the built-in engine's Optimizer runs them: " + form.problems());
        assertTrue(form.previewProperty().get().contains(" -transports Optimizer "), form.previewProperty().get());
        assertFalse(form.previewProperty().get().contains("BBBB"), "the bridges' options are secret in the preview");
    }

    @Test
    void theValidFormPreviewsTheExactLaunchWithSecretsHidden() {
        ProfileFormViewModel form = form(Profile.blank(Role.CLIENT, "c", FormTestTransport.NAME));
        option(form, "password").valueProperty().set("hunter2");
        form.extraOptionsProperty().set("# free-form\nextra=1\n");
        assertTrue(form.isValid(), form.problems().toString());
        assertTrue(form.dirtyProperty().get());
        String shown = form.previewProperty().get();
        assertTrue(shown.startsWith("/opt/ptd/ptdispatcher -state /state/"), shown);
        assertTrue(shown.contains("-optionsFile /state/") && shown.contains("/ptdispatcher-options.json -client"), shown);
        assertFalse(shown.contains("hunter2"), shown);
        assertTrue(form.copyText().contains("\"password\":\"hunter2\""));
        assertEquals(Map.of("password", "hunter2", "extra", "1"), form.toProfile().options());
    }

    @Test
    void aMalformedFreeFormLineIsNamedByNumberNotByContent() {
        ProfileFormViewModel form = form(Profile.blank(Role.CLIENT, "c", "plain"));
        form.extraOptionsProperty().set("a=1\nsecret words\n");
        assertEquals("Line 2 is not name=value.", form.problems().get(ProfileField.EXTRA_OPTIONS));
    }

    @Test
    void switchingToAnEnvironmentOnlyEngineMarksWhatItCannotBeTold() {
        ProfileFormViewModel form = form(Profile.blank(Role.CLIENT, "c", "plain"));
        form.listenProperty().set("127.0.0.1:1080");
        assertTrue(form.isValid());
        engine.set(new EngineSetup(Optional.of(program), LaunchCommand.Style.ENVIRONMENT));
        assertEquals(Optional.of("The chosen engine reads only environment variables (pt-spec 1) and picks its own port: leave this empty."),
                Optional.ofNullable(form.problems().get(ProfileField.LISTEN)));
    }

    @Test
    void aBooleanOptionIsOnForTrueAndForOneAndIsWrittenAsTrueOrFalse() {
        ProfileFormViewModel form = form(Profile.builder(Role.SERVER).name("s").transport(FormTestTransport.NAME)
                .options(Map.of("replayFilter", "1")).build());
        OptionField replayFilter = option(form, "replayFilter");
        assertTrue(replayFilter.isOn(), "goptlib's PTs write 1");
        replayFilter.valueProperty().set("TRUE");
        assertTrue(replayFilter.isOn());
        replayFilter.valueProperty().set("0");
        assertFalse(replayFilter.isOn());
        replayFilter.setOn(true);
        assertEquals("true", replayFilter.valueProperty().get());
        replayFilter.setOn(false);
        assertEquals("false", replayFilter.valueProperty().get());
    }

    @Test
    void anOptionsAccessibleHelpIsItsProblemWhileItHasOneAndItsDescriptionAfterwards() {
        ProfileFormViewModel form = form(Profile.blank(Role.CLIENT, "c", FormTestTransport.NAME));
        String field = ProfileField.option("retries");
        assertEquals(Optional.of("How often to retry."), form.accessibleHelp(field));
        option(form, "retries").valueProperty().set("many");
        assertEquals(Optional.of("retries must be a whole number."), form.accessibleHelp(field));
        option(form, "retries").valueProperty().set("4");
        assertEquals(Optional.of("How often to retry."), form.accessibleHelp(field), "the description comes back, not nothing");
        assertEquals(Optional.empty(), form.accessibleHelp(ProfileField.TARGET), "a plain field without a problem has no help");
    }

    @Test
    void optionHelpIsInTheUsersLanguageAndSideSpecificWhereTheTransportDescribesANameForEachSide() {
        messages.languageProperty().set(Language.PERSIAN);
        ProfileFormViewModel client = form(Profile.blank(Role.CLIENT, "c", "obfs4"));
        assertEquals(messages.get("option.obfs4.iat-mode"), option(client, "iat-mode").help());
        assertTrue(option(client, "iat-mode").help().startsWith("زمان\u200cبندی"), option(client, "iat-mode").help());
        assertEquals(messages.get("option.obfs4.node-id.client"), option(client, "node-id").help());
        ProfileFormViewModel server = form(Profile.blank(Role.SERVER, "s", "obfs4"));
        assertEquals(messages.get("option.obfs4.node-id.server"), option(server, "node-id").help());
        assertFalse(option(client, "node-id").help().equals(option(server, "node-id").help()));

        // Every option of every built-in transport, for either role, in every translation.
        TransportRegistry registry = TransportRegistry.load();
        for (Language language : List.of(Language.PERSIAN, Language.RUSSIAN, Language.CHINESE_SIMPLIFIED)) {
            messages.languageProperty().set(language);
            for (var transport : registry.all()) {
                if (transport.name().equals(FormTestTransport.NAME)) {
                    continue;
                }
                for (Role role : Role.values()) {
                    for (OptionField field : form(Profile.blank(role, "p", transport.name())).optionFields()) {
                        assertFalse(field.help().equals(field.description().description()),
                                language + " " + role + " " + transport.name() + " " + field.name() + " is in English");
                    }
                }
            }
        }
        messages.languageProperty().set(Language.ENGLISH);
        assertEquals(messages.get("option.obfs4.node-id.server"), option(form(Profile.blank(Role.SERVER, "s", "obfs4")), "node-id").help());
    }

    @Test
    void theTransportSummaryIsTheTransportsOwnWithoutATranslationAndASentenceForAnUnknownName() {
        ProfileFormViewModel form = form(Profile.blank(Role.CLIENT, "c", FormTestTransport.NAME));
        assertEquals("Test-only description of options.", form.transportSummary(), "the bundles translate no summary yet");
        form.transportProperty().set("plain");
        assertEquals(TransportRegistry.load().find("plain").orElseThrow().summary(), form.transportSummary());
        form.transportProperty().set("snowflake");
        assertEquals(messages.get("form.transport.other"), form.transportSummary());
        form.transportProperty().set(" ");
        assertEquals("", form.transportSummary());
    }

    @Test
    void theFormOffersEveryEngineTransportButTheOptimizerWhoseNestedOptionsItCannotEdit() {
        ProfileFormViewModel form = form(Profile.blank(Role.CLIENT, "c", "plain"));
        assertTrue(TransportRegistry.load().find("Optimizer").isPresent());
        assertFalse(form.knownTransports().contains("Optimizer"), form.knownTransports().toString());
        assertTrue(form.knownTransports().containsAll(List.of("plain", "obfs4", "shadow")), form.knownTransports().toString());
    }

    @Test
    void browsingForTheStateDirectoryOpensAtTheTypedOneAndTakesTheChosenFolder() {
        ProfileFormViewModel form = form(Profile.blank(Role.SERVER, "s", "plain"));
        form.stateDirectoryProperty().set("/srv/keys");
        form.chooseStateDirectory();
        assertEquals("/srv/keys", form.stateDirectoryProperty().get(), "cancelled: nothing changes");
        assertEquals(Optional.of(Path.of("/srv/keys")), files.lastInitial());
        files.choose(Path.of("/var/lib/ptd"));
        form.chooseStateDirectory();
        assertEquals("/var/lib/ptd", form.stateDirectoryProperty().get());
        assertTrue(form.dirtyProperty().get());
        assertEquals(List.of(messages.get("form.state"), messages.get("form.state")), files.asked(), "the chooser is titled as the field");
    }

    private static OptionField option(ProfileFormViewModel form, String name) {
        return form.optionFields().stream().filter(f -> f.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void webtunnelAndMeekFormsComeFromTheirDescriptionsAndAnImportedLineFillsThemValid() {
        ProfileFormViewModel webtunnel = form(Profile.blank(Role.CLIENT, "w", "webtunnel"));
        assertEquals(List.of("url", "addr", "servername", "sni-imitation", "utls-authority", "cert", "utls", "ver"),
                webtunnel.optionFields().stream().map(OptionField::name).toList());
        assertEquals("url is required: the transport cannot work without it.", webtunnel.problems().get(ProfileField.option("url")));
        ProfileFormViewModel meekServer = form(Profile.blank(Role.SERVER, "m", "meek_lite"));
        assertEquals(List.of("cert", "key"), meekServer.optionFields().stream().map(OptionField::name).toList());

        Profile imported = org.ptdispatcher.gui.share.ProfileImport.parse(
                "Bridge meek_lite 192.0.2.18:80 url=https://meek.example/ front=cdn.example utls=hellochrome_auto").profiles().get(0);
        ProfileFormViewModel meek = form(imported);
        assertEquals(List.of("url", "front", "targets", "utls"), meek.optionFields().stream().map(OptionField::name).toList());
        assertEquals("https://meek.example/", option(meek, "url").valueProperty().get());
        assertEquals("cdn.example", option(meek, "front").valueProperty().get());
        assertTrue(meek.isValid(), meek.problems().toString());
        assertEquals(imported.options(), meek.toProfile().options());
    }

    @Test
    void aServerIsOfferedNoSocksModeAndLeavesTransparentTcpForItsStreamMode() {
        ProfileFormViewModel form = form(Profile.blank(Role.CLIENT, "c", "plain"));
        form.modeProperty().set(ProxyMode.TRANSPARENT_TCP);
        form.roleProperty().set(Role.SERVER);
        assertEquals(List.of(ProxyMode.SOCKS5, ProxyMode.TRANSPARENT_UDP, ProxyMode.STUN), form.modes());
        assertEquals(ProxyMode.SOCKS5, form.modeProperty().get(), "the server's stream mode, which serves transparent TCP clients too");
    }

    @Test
    void aShadowsocksClientInTheProxyModelShowsItsServerOnceAsTheServerAddressOption() {
        Profile imported = org.ptdispatcher.gui.share.ProfileImport.parse("ss://YWVzLTI1Ni1nY206dGVzdA@192.0.2.7:8388#Office").profiles().get(0);
        ProfileFormViewModel form = form(imported);
        assertFalse(form.targetUsedProperty().get(), "the target field would repeat serverAddress, which is the one used");
        option(form, "serverAddress").valueProperty().set("");
        assertTrue(form.targetUsedProperty().get(), "without serverAddress (the bridge model) the target is the server");
    }
}
