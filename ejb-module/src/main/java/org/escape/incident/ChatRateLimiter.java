package org.escape.incident;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;
import org.escape.platform.WriteRateLimiter;

/**
 * The per-user flood guard for incident writes (chat messages over REST and the socket alike,
 * membership and status changes): chat is faster than forums, so it has its own bucket,
 * {@value #RATE_KEY} (default {@value #DEFAULT_PER_MINUTE}) and {@value #BURST_KEY} (default
 * {@value #DEFAULT_BURST}).
 */
@ApplicationScoped
@Typed(ChatRateLimiter.class)
public class ChatRateLimiter extends WriteRateLimiter {

    public static final String RATE_KEY = "escape.chat.messages-per-minute";
    public static final String BURST_KEY = "escape.chat.message-burst";
    static final int DEFAULT_PER_MINUTE = 120;
    static final int DEFAULT_BURST = 30;

    @PostConstruct
    @Override
    protected void configure() {
        configure(RATE_KEY, DEFAULT_PER_MINUTE, BURST_KEY, DEFAULT_BURST, "Chat");
    }
}
