package io.nixunits.agent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class StopRequestTest {
    @Test
    void requestBeforeAttachStopsOnAttach() {
        StopRequest request = new StopRequest();
        AtomicInteger stops = new AtomicInteger();

        request.request();
        assertEquals(0, stops.get());
        request.attach(stops::incrementAndGet);

        assertEquals(1, stops.get());
    }

    @Test
    void requestAfterAttachStopsAtOnce() {
        StopRequest request = new StopRequest();
        AtomicInteger stops = new AtomicInteger();

        request.attach(stops::incrementAndGet);
        assertEquals(0, stops.get());
        request.request();

        assertEquals(1, stops.get());
    }
}
