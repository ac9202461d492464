package org.roomchat.group;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class InProcessGroupRegistryTest {

  private final InProcessGroupRegistry registry = new InProcessGroupRegistry();

  /** A member that keeps what it was given, in order. */
  private static final class Inbox implements GroupMember {
    final ConcurrentLinkedQueue<RoomEvent> events = new ConcurrentLinkedQueue<>();

    @Override
    public void deliver(RoomEvent event) {
      events.add(event);
    }

    List<String> texts() {
      return events.stream().map(RoomEvent::json).toList();
    }
  }

  private static RoomEvent event(String text) {
    return RoomEvent.of(text);
  }

  /** The registry's live group count; groups must not pile up as rooms empty. */
  private int groupCount() throws ReflectiveOperationException {
    Field groups = InProcessGroupRegistry.class.getDeclaredField("groups");
    groups.setAccessible(true);
    return ((Map<?, ?>) groups.get(registry)).size();
  }

  @Test
  void sendReachesEveryMemberOfTheGroupOnly() {
    Inbox alice = new Inbox();
    Inbox bob = new Inbox();
    Inbox elsewhere = new Inbox();
    registry.add("chat_lobby", alice);
    registry.add("chat_lobby", bob);
    registry.add("chat_other", elsewhere);

    registry.send("chat_lobby", event("hi"));

    assertEquals(List.of("hi"), alice.texts());
    assertEquals(List.of("hi"), bob.texts());
    assertEquals(List.of(), elsewhere.texts());
    assertEquals(2, registry.size("chat_lobby"));
  }

  @Test
  void addingTwiceDeliversOnce() {
    Inbox alice = new Inbox();
    registry.add("chat_lobby", alice);
    registry.add("chat_lobby", alice);

    registry.send("chat_lobby", event("once"));

    assertEquals(List.of("once"), alice.texts());
  }

  @Test
  void discardedMembersHearNothingMore() {
    Inbox alice = new Inbox();
    Inbox bob = new Inbox();
    registry.add("chat_lobby", alice);
    registry.add("chat_lobby", bob);
    registry.send("chat_lobby", event("before"));

    registry.discard("chat_lobby", alice);
    registry.send("chat_lobby", event("after"));

    assertEquals(List.of("before"), alice.texts());
    assertEquals(List.of("before", "after"), bob.texts());
  }

  @Test
  void discardingAnAbsentMemberIsHarmless() {
    Inbox alice = new Inbox();
    registry.add("chat_lobby", alice);

    registry.discard("chat_lobby", new Inbox());
    registry.discard("chat_nowhere", alice);
    registry.send("chat_lobby", event("still here"));

    assertEquals(List.of("still here"), alice.texts());
    assertEquals(1, registry.size("chat_lobby"));
    assertEquals(0, registry.size("chat_nowhere"));
  }

  @Test
  void sendingToAnEmptyOrUnknownGroupDoesNothing() {
    registry.send("chat_nowhere", event("into the void"));
    assertEquals(0, registry.size("chat_nowhere"));
  }

  @Test
  void emptyGroupsAreRemoved() throws Exception {
    Inbox alice = new Inbox();
    Inbox bob = new Inbox();
    registry.add("chat_a", alice);
    registry.add("chat_b", bob);
    assertEquals(2, groupCount());

    registry.discard("chat_a", alice);
    registry.discard("chat_b", bob);

    assertEquals(0, groupCount());
    registry.add("chat_a", alice);
    registry.send("chat_a", event("back again"));
    assertEquals(List.of("back again"), alice.texts());
  }

  @Test
  void concurrentAddSendAndDiscardLoseNoMember() throws Exception {
    int threads = 8;
    int rounds = 2_000;
    String group = "chat_busy";
    Inbox resident = new Inbox(); // stays for the whole run
    registry.add(group, resident);

    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      CountDownLatch go = new CountDownLatch(1);
      List<Future<Inbox>> visitors = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int thread = t;
        visitors.add(
            pool.submit(
                () -> {
                  Inbox visitor = new Inbox();
                  go.await();
                  for (int i = 0; i < rounds; i++) {
                    // Also churn a group of its own, which empties and is removed every round.
                    String own = "chat_own" + thread;
                    registry.add(group, visitor);
                    registry.add(own, visitor);
                    registry.send(group, event(thread + ":" + i));
                    registry.send(own, event("own"));
                    registry.discard(own, visitor);
                    registry.discard(group, visitor);
                  }
                  return visitor;
                }));
      }
      go.countDown();
      for (int t = 0; t < threads; t++) {
        Inbox visitor = visitors.get(t).get(60, TimeUnit.SECONDS);
        List<String> mine = new ArrayList<>();
        for (String text : visitor.texts()) {
          if (text.startsWith(t + ":")) {
            mine.add(text);
          }
        }
        // A visitor is in the group while it sends, so it hears each of its own sends, in order.
        assertEquals(rounds, mine.size(), "visitor " + t);
        assertEquals(t + ":" + (rounds - 1), mine.get(rounds - 1));
        assertEquals(
            rounds,
            visitor.texts().stream().filter("own"::equals).count(),
            "visitor " + t + " in its own group");
      }
    } finally {
      pool.shutdownNow();
      assertTrue(pool.awaitTermination(10, TimeUnit.SECONDS));
    }

    assertEquals(threads * rounds, resident.events.size(), "the resident hears every send");
    assertEquals(1, registry.size(group));
    assertEquals(1, groupCount(), "only the resident's group is left");
  }
}
