package org.ptdispatcher.engine.transport.obfs4;

import org.junit.jupiter.api.Test;
import org.ptdispatcher.engine.transport.obfs4.ntor.Elligator2;
import org.ptdispatcher.engine.transport.obfs4.ntor.EphemeralKeyPair;
import org.ptdispatcher.engine.transport.obfs4.ntor.Ntor;
import org.ptdispatcher.engine.transport.obfs4.ntor.Obfs4Cert;
import org.ptdispatcher.engine.transport.obfs4.ntor.Obfs4Identity;

import java.security.SecureRandom;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Session keys from the pool: each usable (its representative decodes to its public key) and each handed out once. */
class SessionKeyPoolTest {

    @Test
    void everyPairTakenHasARepresentativeOfItsPublicKeyAndNoneComesTwice() {
        SessionKeyPool pool = new SessionKeyPool(new SecureRandom(), 2);
        Set<String> privateKeys = new HashSet<>();
        int takes = 20; // many more than the pool holds: some come ready, the rest are made inline
        for (int i = 0; i < takes; i++) {
            EphemeralKeyPair pair = pool.take();
            assertArrayEquals(pair.publicKey(), Elligator2.representativeToU(pair.representative()));
            assertArrayEquals(pair.publicKey(), EphemeralKeyPair.dirtyPublicKey(pair.privateKey()));
            privateKeys.add(HexFormat.of().formatHex(pair.privateKey()));
        }
        assertEquals(takes, privateKeys.size());
    }

    @Test
    void theSharedPoolGivesKeysThatAgreeWithTheirPeer() {
        EphemeralKeyPair client = SessionKeyPool.shared().take();
        EphemeralKeyPair server = SessionKeyPool.shared().take();
        Obfs4Identity identity = new Obfs4Identity(new byte[Obfs4Cert.NODE_ID_LENGTH], new byte[32]);
        Ntor.Result atServer = Ntor.server(client.publicKey(), server, identity);
        Ntor.Result atClient = Ntor.client(client, server.publicKey(), Ntor.clientIdentityShare(client, identity.publicKey()),
                identity.publicKey(), identity.nodeId());
        assertTrue(atServer != null && atClient != null);
        assertArrayEquals(atServer.keySeed(), atClient.keySeed());
        assertArrayEquals(atServer.auth(), atClient.auth());
    }
}
