package org.ptdispatcher.engine.extor;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.util.concurrent.Promise;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.List;

/**
 * The client side of tor's Extended ORPort (ext-orport-spec, proposal 217): SAFE_COOKIE
 * authentication, then USERADDR, TRANSPORT and DONE, then waiting for OKAY. When tor says OKAY
 * the handler removes itself and the channel carries the client's traffic; any failure fails
 * {@code done} with a sentence for the log, and the caller closes the connection.
 */
public final class ExtOrPortHandshake extends ByteToMessageDecoder {
    private static final int AUTH_SAFE_COOKIE = 1;
    private static final int NONCE_LENGTH = 32;
    private static final int HASH_LENGTH = 32;
    private static final int CMD_DONE = 0x0000;
    private static final int CMD_USERADDR = 0x0001;
    private static final int CMD_TRANSPORT = 0x0002;
    private static final int REPLY_OKAY = 0x1000;
    private static final int REPLY_DENY = 0x1001;
    private static final byte[] SERVER_TO_CLIENT = "ExtORPort authentication server-to-client hash".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CLIENT_TO_SERVER = "ExtORPort authentication client-to-server hash".getBytes(StandardCharsets.US_ASCII);
    private static final SecureRandom RANDOM = new SecureRandom();

    private enum State { AUTH_TYPES, SERVER_HASH, AUTH_STATUS, REPLY, DONE }

    private final ExtOrPortCookie cookie;
    private final String userAddress;
    private final String transport;
    private final Promise<Void> done;
    private final byte[] clientNonce;
    private State state = State.AUTH_TYPES;
    private boolean safeCookieOffered;

    /**
     * @param userAddress the PT client's address, as {@code 1.2.3.4:5678} or {@code [1:2::3:4]:5678}
     * @param transport   the transport's name
     */
    public ExtOrPortHandshake(ExtOrPortCookie cookie, String userAddress, String transport, Promise<Void> done) {
        this(cookie, userAddress, transport, done, randomNonce());
    }

    /** With a given ClientNonce, for known-answer tests; otherwise it is 32 random octets. */
    ExtOrPortHandshake(ExtOrPortCookie cookie, String userAddress, String transport, Promise<Void> done, byte[] clientNonce) {
        this.cookie = cookie;
        this.userAddress = userAddress;
        this.transport = transport;
        this.done = done;
        this.clientNonce = clientNonce.clone();
    }

    private static byte[] randomNonce() {
        byte[] nonce = new byte[NONCE_LENGTH];
        RANDOM.nextBytes(nonce);
        return nonce;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) throws GeneralSecurityException {
        switch (state) {
            case AUTH_TYPES -> readAuthTypes(ctx, in);
            case SERVER_HASH -> readServerHash(ctx, in);
            case AUTH_STATUS -> readAuthStatus(ctx, in);
            case REPLY -> readReply(ctx, in);
            case DONE -> { }
        }
    }

    private void readAuthTypes(ChannelHandlerContext ctx, ByteBuf in) {
        while (in.isReadable()) {
            int type = in.readUnsignedByte();
            if (type == AUTH_SAFE_COOKIE) {
                safeCookieOffered = true;
            }
            if (type == 0) {
                if (!safeCookieOffered) {
                    ctx.writeAndFlush(ctx.alloc().buffer(1).writeByte(0));
                    fail("the Extended ORPort does not offer SAFE_COOKIE authentication");
                    return;
                }
                ctx.writeAndFlush(ctx.alloc().buffer(1 + NONCE_LENGTH).writeByte(AUTH_SAFE_COOKIE).writeBytes(clientNonce));
                state = State.SERVER_HASH;
                return;
            }
        }
    }

    private void readServerHash(ChannelHandlerContext ctx, ByteBuf in) throws GeneralSecurityException {
        if (in.readableBytes() < HASH_LENGTH + NONCE_LENGTH) {
            return;
        }
        byte[] serverHash = new byte[HASH_LENGTH];
        byte[] serverNonce = new byte[NONCE_LENGTH];
        in.readBytes(serverHash).readBytes(serverNonce);
        byte[] expected = hmac(SERVER_TO_CLIENT, serverNonce);
        if (!MessageDigest.isEqual(expected, serverHash)) {
            fail("the Extended ORPort's server hash does not verify (is the cookie file the one tor wrote?)");
            return;
        }
        ctx.writeAndFlush(ctx.alloc().buffer(HASH_LENGTH).writeBytes(hmac(CLIENT_TO_SERVER, serverNonce)));
        state = State.AUTH_STATUS;
    }

    private void readAuthStatus(ChannelHandlerContext ctx, ByteBuf in) {
        if (!in.isReadable()) {
            return;
        }
        if (in.readUnsignedByte() != 1) {
            fail("the Extended ORPort refused our authentication");
            return;
        }
        ByteBuf commands = ctx.alloc().buffer();
        command(commands, CMD_USERADDR, userAddress);
        command(commands, CMD_TRANSPORT, transport);
        command(commands, CMD_DONE, "");
        ctx.writeAndFlush(commands);
        state = State.REPLY;
    }

    private void readReply(ChannelHandlerContext ctx, ByteBuf in) {
        while (in.readableBytes() >= 4) {
            int length = in.getUnsignedShort(in.readerIndex() + 2);
            if (in.readableBytes() < 4 + length) {
                return;
            }
            int reply = in.readUnsignedShort();
            in.skipBytes(2 + length);
            if (reply == REPLY_OKAY) {
                state = State.DONE;
                ctx.pipeline().remove(this);
                done.trySuccess(null);
                return;
            }
            if (reply == REPLY_DENY) {
                fail("the Extended ORPort denied the connection from " + userAddress);
                return;
            }
            // Parties MUST ignore command codes they do not understand.
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        fail("the Extended ORPort closed the connection during the handshake");
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        fail("Extended ORPort handshake: " + cause.getMessage());
    }

    private void fail(String why) {
        state = State.DONE;
        done.tryFailure(new ExtOrPortException(why));
    }

    private static void command(ByteBuf out, int command, String body) {
        byte[] bytes = body.getBytes(StandardCharsets.US_ASCII);
        out.writeShort(command).writeShort(bytes.length).writeBytes(bytes);
    }

    private byte[] hmac(byte[] label, byte[] serverNonce) throws GeneralSecurityException {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(cookie.secret(), "HmacSHA256"));
        mac.update(label);
        mac.update(clientNonce);
        mac.update(serverNonce);
        return mac.doFinal();
    }
}
