package org.roomchat.chat;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.roomchat.group.NodeBroadcast;
import org.roomchat.protocol.CloseCode;
import org.roomchat.protocol.ServerFrame;
import org.roomchat.protocol.ServerFrameEncoder;
import org.roomchat.room.MembershipChange;
import org.roomchat.room.Person;
import org.roomchat.room.ReadMarkers;
import org.roomchat.room.SerialExecutor;
import org.roomchat.room.StoredMessage;
import org.roomchat.room.UnreadCount;

/**
 * The users' own streams ({@code /ws/user/}) open on this node, and what their users have not read.
 * Every node hears each stored message, moved marker and membership change once, as a notice on one
 * topic ({@link NodeBroadcast}: through Redis, or in process): a stored message costs one notice,
 * whatever the room's size, and each node turns it into frames for its own streams of the room's
 * members, from their markers kept in memory ({@link UnreadBook}) since their stream opened.
 * Nothing is written per member; nothing is read from the database per message.
 *
 * <p>A stream gets the summary of every room and conversation first (read from the database when
 * the user's first stream here opens, from memory for the next), then an {@code unread} frame for
 * each change. Changes are gathered per stream and room and sent every {@link #FLUSH_MILLIS} at
 * most, the newest count winning, so a busy room costs a stream a few frames a second.
 *
 * <p>All state is kept on one serial executor; database reads run beside it, and notices that
 * arrive while a user's summary is being read are applied to it afterwards.
 */
@ApplicationScoped
public class UserStreams {

  /** The notices' topic. */
  static final String TOPIC = "unread";

  /** How often a stream gets the changes gathered for it, at most. */
  static final long FLUSH_MILLIS = 250;

  /** How much of a message's text an {@code unread} frame shows, in characters. */
  static final int PREVIEW_LENGTH = 100;

  /** Notices kept for summaries being read; a read that outlasts them is done again. */
  static final int MAX_RECENT_NOTICES = 50_000;

  /** Rooms whose conversation members are remembered, beyond which the memory starts afresh. */
  private static final int MAX_REMEMBERED_ROOMS = 100_000;

  private static final Logger LOG = Logger.getLogger(UserStreams.class.getName());

  @Inject NodeBroadcast broadcast;
  @Inject ReadMarkers markers;
  @Inject OpenConnections connections;

  @Resource(lookup = "java:comp/DefaultManagedExecutorService")
  Executor executor;

  @Resource(lookup = "java:comp/DefaultManagedScheduledExecutorService")
  ScheduledExecutorService scheduler;

  /** The one thread at a time that touches the state below. */
  private SerialExecutor hub;

  private final Map<Long, Reader> readers = new HashMap<>();
  private final Map<Long, Room> rooms = new HashMap<>();
  private final Set<Reader> dirty = new LinkedHashSet<>();
  private boolean flushScheduled;

  /** Notices applied while summaries were being read, oldest first, numbered from recentBase. */
  private final ArrayDeque<UnreadNotice> recent = new ArrayDeque<>();

  private long recentBase;
  private long applied;
  private int loading;

  /** Whether a room is a conversation, and between whom; rooms never change that. */
  private final Map<Long, List<Long>> conversations = new ConcurrentHashMap<>();

  /**
   * A user with streams open on this node, and the rooms whose counts changed since the last flush:
   * each gets one frame then, with the counts as they are by then.
   */
  private static final class Reader {
    final Person person;
    final UnreadBook book;
    final List<UserStream> streams = new ArrayList<>();
    final Set<Long> loadingRooms = new HashSet<>();
    final Set<Long> changed = new LinkedHashSet<>();
    boolean loaded;
    long logStart;

    Reader(Person person) {
      this.person = person;
      this.book = new UnreadBook(person.id());
    }
  }

  /** A room some reader here is a member of: its newest message, and those readers. */
  private static final class Room {
    final RoomTail tail = new RoomTail();
    final Set<Long> readers = new HashSet<>();
  }

  @PostConstruct
  void init() {
    hub = new SerialExecutor(executor);
  }

  void listen(@Observes @Initialized(ApplicationScoped.class) Object start) {
    broadcast.listen(TOPIC, this::received);
  }

  // --- what the rest of the application tells every node ----------------------------------------

  /** A message was stored in the room by the user {@code authorId}: every node hears of it. */
  public void messageStored(long roomId, long authorId, StoredMessage message) {
    try {
      publish(
          new UnreadNotice.Stored(
              roomId,
              message.seq(),
              message.id(),
              authorId,
              message.username(),
              preview(message.content()),
              message.mentions().stream().map(Person::id).toList(),
              conversationMembers(roomId)));
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Announcing unread message " + message.id() + " failed", e);
    }
  }

  /**
   * A message was edited or deleted ({@code text} empty): the previews of every node follow, so no
   * stream shows a deleted or replaced text again.
   */
  public void messageChanged(long roomId, long messageId, String text) {
    try {
      publish(new UnreadNotice.Changed(roomId, messageId, preview(text)));
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Announcing a change of message " + messageId + " failed", e);
    }
  }

  /** The user's read marker in the room moved: the user's streams on every node hear of it. */
  public void markerMoved(long userId, long roomId, ReadMarkers.Moved moved) {
    publish(new UnreadNotice.Read(userId, roomId, moved));
  }

  /** A membership began or ended, committed: the user's streams on every node hear of it. */
  void membershipChanged(
      @Observes(during = TransactionPhase.AFTER_SUCCESS) MembershipChange change) {
    try {
      publish(new UnreadNotice.Membership(change.userId(), change.roomId(), change.member()));
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Announcing a membership change failed", e);
    }
  }

  private void publish(UnreadNotice notice) {
    broadcast.publish(TOPIC, notice.encode());
  }

  private void received(String text) {
    UnreadNotice.decode(text).ifPresent(notice -> hub.execute(() -> apply(notice)));
  }

  /** The first {@link #PREVIEW_LENGTH} characters, never cutting a character in two. */
  static String preview(String text) {
    if (text.codePointCount(0, text.length()) <= PREVIEW_LENGTH) {
      return text;
    }
    return text.substring(0, text.offsetByCodePoints(0, PREVIEW_LENGTH));
  }

  private List<Long> conversationMembers(long roomId) {
    List<Long> members = conversations.get(roomId);
    if (members == null) {
      members = markers.conversationMembers(roomId).orElse(List.of());
      if (conversations.size() >= MAX_REMEMBERED_ROOMS) {
        conversations.clear();
      }
      conversations.put(roomId, members);
    }
    return members;
  }

  // --- streams ----------------------------------------------------------------------------------

  /** A stream opened: it gets the summary, then the changes. */
  public void open(UserStream stream) {
    connections.add(stream);
    hub.execute(() -> opened(stream));
  }

  /** A stream closed. */
  public void close(UserStream stream) {
    connections.remove(stream);
    hub.execute(() -> closed(stream));
  }

  private void opened(UserStream stream) {
    Reader reader = readers.get(stream.userId());
    if (reader == null) {
      reader = new Reader(new Person(stream.userId(), stream.username()));
      readers.put(stream.userId(), reader);
      startLoading(reader);
    }
    reader.streams.add(stream);
    if (reader.loaded) {
      stream.send(summary(reader));
    }
  }

  private void closed(UserStream stream) {
    Reader reader = readers.get(stream.userId());
    if (reader == null) {
      return;
    }
    reader.streams.remove(stream);
    if (reader.streams.isEmpty()) {
      readers.remove(stream.userId());
      dirty.remove(reader);
      for (UnreadBook.Page page : reader.book.pages()) {
        unindex(reader, page.roomId);
      }
    }
  }

  /** Reads the reader's counts beside the hub; notices meanwhile are kept for them. */
  private void startLoading(Reader reader) {
    reader.loaded = false;
    reader.logStart = applied;
    loading++;
    executor.execute(
        () -> {
          try {
            List<UnreadCount> counts = markers.unread(reader.person);
            hub.execute(() -> loaded(reader, counts));
          } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Reading the unread counts of " + reader.person + " failed", e);
            hub.execute(() -> loadFailed(reader));
          }
        });
  }

  private void loaded(Reader reader, List<UnreadCount> counts) {
    loading--;
    if (readers.get(reader.person.id()) == reader) {
      if (reader.logStart < recentBase) {
        startLoading(reader); // notices it needs were dropped: read again
      } else {
        counts.forEach(count -> place(reader, count));
        recent.stream().skip(reader.logStart - recentBase).forEach(n -> applyTo(reader, n));
        reader.loaded = true;
        String summary = summary(reader);
        reader.streams.forEach(stream -> stream.send(summary));
      }
    }
    forgetRecentUnlessLoading();
  }

  private void loadFailed(Reader reader) {
    loading--;
    if (readers.get(reader.person.id()) == reader) {
      readers.remove(reader.person.id());
      dirty.remove(reader);
      for (UserStream stream : reader.streams) {
        connections.closeLater(stream, CloseCode.TRY_AGAIN_LATER, "Please reconnect");
      }
    }
    forgetRecentUnlessLoading();
  }

  private void forgetRecentUnlessLoading() {
    if (loading == 0) {
      recent.clear();
      recentBase = applied;
    }
  }

  /** Puts a room's counts read from the database in the reader's book. */
  private UnreadBook.Page place(Reader reader, UnreadCount count) {
    UnreadBook.Page page = reader.book.load(count);
    Room room = rooms.computeIfAbsent(count.roomId(), id -> new Room());
    room.readers.add(reader.person.id());
    room.tail.atLeast(count.lastSeq(), count.lastMessageId());
    return page;
  }

  private void unindex(Reader reader, long roomId) {
    Room room = rooms.get(roomId);
    if (room != null) {
      room.readers.remove(reader.person.id());
      if (room.readers.isEmpty()) {
        rooms.remove(roomId);
      }
    }
  }

  // --- notices ----------------------------------------------------------------------------------

  private void apply(UnreadNotice notice) {
    applied++;
    if (loading > 0) {
      recent.addLast(notice);
      if (recent.size() > MAX_RECENT_NOTICES) {
        recent.pollFirst();
        recentBase++;
      }
    }
    if (notice instanceof UnreadNotice.Stored stored) {
      stored(stored);
    } else if (notice instanceof UnreadNotice.Changed changed) {
      Room room = rooms.get(changed.roomId());
      if (room != null) {
        room.tail.changed(changed.messageId(), changed.preview());
      }
    } else if (notice instanceof UnreadNotice.Read read) {
      Reader reader = readers.get(read.userId());
      if (reader != null && reader.loaded) {
        read(reader, read, true);
      }
    } else if (notice instanceof UnreadNotice.Membership membership) {
      Reader reader = readers.get(membership.userId());
      if (reader != null && reader.loaded) {
        membership(reader, membership);
      }
    }
  }

  /** A notice that came while the reader's counts were read, applied to the reader alone. */
  private void applyTo(Reader reader, UnreadNotice notice) {
    if (notice instanceof UnreadNotice.Stored stored) {
      Room room = rooms.get(stored.roomId());
      if (room != null) {
        room.tail.stored(stored.seq(), stored.messageId(), stored.author(), stored.preview());
        count(reader, stored, false);
      }
    } else if (notice instanceof UnreadNotice.Read read && read.userId() == reader.person.id()) {
      read(reader, read, false);
    } else if (notice instanceof UnreadNotice.Membership membership
        && membership.userId() == reader.person.id()) {
      membership(reader, membership);
    }
  }

  private void stored(UnreadNotice.Stored stored) {
    Room room = rooms.get(stored.roomId());
    boolean newest =
        room != null
            && room.tail.stored(
                stored.seq(), stored.messageId(), stored.author(), stored.preview());
    if (room != null) {
      for (Long readerId : room.readers) { // counting and queueing never change them
        Reader reader = readers.get(readerId);
        if (reader != null && reader.loaded && count(reader, stored, newest)) {
          queue(reader, stored.roomId());
        }
      }
    }
    // A conversation's first message reaches a member who had no page for it yet.
    for (Long memberId : stored.conversation()) {
      Reader reader = readers.get(memberId);
      if (reader != null
          && reader.loaded
          && reader.book.page(stored.roomId()).isEmpty()
          && !reader.loadingRooms.contains(stored.roomId())) {
        // Its author and text are known from the notice alone: keep them for the frame.
        rooms
            .computeIfAbsent(stored.roomId(), id -> new Room())
            .tail
            .stored(stored.seq(), stored.messageId(), stored.author(), stored.preview());
        loadRoom(reader, stored.roomId(), false);
      }
    }
  }

  /** Counts a stored message in the reader's book; answers whether the reader's counts changed. */
  private static boolean count(Reader reader, UnreadNotice.Stored stored, boolean newest) {
    Optional<UnreadBook.Page> page = reader.book.page(stored.roomId());
    if (page.isEmpty()) {
      return false;
    }
    boolean own = stored.authorId() == reader.person.id();
    boolean changed =
        reader.book.stored(
            stored.roomId(), stored.seq(), own, stored.mentioned().contains(reader.person.id()));
    return changed || (!own && newest && stored.seq() > page.get().readSeq());
  }

  private void read(Reader reader, UnreadNotice.Read read, boolean send) {
    ReadMarkers.Moved moved = read.moved();
    if (reader.book.read(read.roomId(), moved.readSeq(), moved.mentions(), moved.lastSeq())) {
      Room room = rooms.get(read.roomId());
      if (room != null) {
        room.tail.atLeast(moved.lastSeq(), moved.lastMessageId());
      }
      if (send) {
        queue(reader, read.roomId());
      }
    }
  }

  private void membership(Reader reader, UnreadNotice.Membership membership) {
    long roomId = membership.roomId();
    if (membership.member()) {
      if (reader.book.page(roomId).isEmpty() && !reader.loadingRooms.contains(roomId)) {
        loadRoom(reader, roomId, true);
      }
      return;
    }
    reader.loadingRooms.remove(roomId); // a load under way finds a member no more
    reader
        .book
        .remove(roomId)
        .ifPresent(
            page -> {
              unindex(reader, roomId);
              reader.changed.remove(roomId);
              if (page.isPrivateRoom()) {
                send(reader, new ServerFrame.RoomRemoved(page.label));
              }
            });
  }

  /** Reads one room's counts for the reader beside the hub, then adds them to the book. */
  private void loadRoom(Reader reader, long roomId, boolean announce) {
    reader.loadingRooms.add(roomId);
    executor.execute(
        () -> {
          Optional<UnreadCount> count;
          try {
            count = markers.unread(reader.person, roomId);
          } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Reading the unread counts of " + reader.person + " failed", e);
            count = Optional.empty();
          }
          Optional<UnreadCount> read = count;
          hub.execute(() -> roomLoaded(reader, roomId, read, announce));
        });
  }

  private void roomLoaded(
      Reader reader, long roomId, Optional<UnreadCount> count, boolean announce) {
    if (readers.get(reader.person.id()) != reader
        || !reader.loadingRooms.remove(roomId)
        || count.isEmpty()) {
      Room room = rooms.get(roomId);
      if (room != null && room.readers.isEmpty()) {
        rooms.remove(roomId); // kept for a load that found nothing
      }
      return;
    }
    boolean added = reader.book.page(roomId).isEmpty();
    UnreadBook.Page page = place(reader, count.get());
    if (announce && added && page.isPrivateRoom()) {
      send(reader, new ServerFrame.RoomAdded(page.label));
    }
    queue(reader, roomId);
  }

  // --- frames -----------------------------------------------------------------------------------

  /** Sends a frame to each of the reader's streams now, ahead of the gathered changes. */
  private static void send(Reader reader, ServerFrame frame) {
    String json = ServerFrameEncoder.toJson(frame);
    reader.streams.forEach(stream -> stream.send(json));
  }

  /** Notes that the reader's counts in the room changed, for the next flush to send. */
  private void queue(Reader reader, long roomId) {
    reader.changed.add(roomId);
    dirty.add(reader);
    if (!flushScheduled) {
      flushScheduled = true;
      scheduler.schedule(() -> hub.execute(this::flush), FLUSH_MILLIS, TimeUnit.MILLISECONDS);
    }
  }

  /** Sends each changed count once, as it is now: a busy room's many changes become one frame. */
  private void flush() {
    flushScheduled = false;
    for (Reader reader : dirty) {
      for (Long roomId : reader.changed) {
        Optional<UnreadBook.Page> page = reader.book.page(roomId);
        Room room = rooms.get(roomId);
        if (page.isPresent() && room != null) {
          send(
              reader,
              new ServerFrame.Unread(
                  entry(page.get(), room.tail), room.tail.from(), room.tail.preview()));
        }
      }
      reader.changed.clear();
    }
    dirty.clear();
  }

  private String summary(Reader reader) {
    List<ServerFrame.UnreadEntry> roomEntries = new ArrayList<>();
    List<ServerFrame.UnreadEntry> conversationEntries = new ArrayList<>();
    for (UnreadBook.Page page : reader.book.pages()) {
      RoomTail tail = rooms.get(page.roomId).tail;
      if (!page.isConversation()) {
        roomEntries.add(entry(page, tail));
      } else if (tail.lastSeq() > 0) {
        conversationEntries.add(entry(page, tail));
      }
    }
    Comparator<ServerFrame.UnreadEntry> byName =
        Comparator.comparing(ServerFrame.UnreadEntry::name);
    roomEntries.sort(byName);
    conversationEntries.sort(byName);
    return ServerFrameEncoder.toJson(
        new ServerFrame.UnreadSummary(roomEntries, conversationEntries));
  }

  private static ServerFrame.UnreadEntry entry(UnreadBook.Page page, RoomTail tail) {
    return new ServerFrame.UnreadEntry(
        page.isConversation(),
        page.label,
        page.unread(tail.lastSeq()),
        page.mentions(),
        tail.lastMessageId());
  }
}
