package org.roomchat.web;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.List;
import org.roomchat.metrics.ChatMetrics;
import org.roomchat.room.RoomDirectory;

/**
 * The admin dashboard's numbers, as the guide's admin shows them: every room with its message count
 * and active users, and the live metrics (open connections, average connection duration, total
 * rooms, total messages). Connection metrics are this node's.
 */
@Named
@RequestScoped
public class AdminDashboard {

  @Inject RoomDirectory directory;
  @Inject ChatMetrics metrics;
  @Inject PageTexts texts;

  private List<RoomRow> rooms;
  private Long totalRooms;
  private Long totalMessages;
  private Duration averageConnectionDuration;

  /** One room as the dashboard shows it. */
  public record RoomRow(
      String name,
      String createdAt,
      String createdAtText,
      String updatedAt,
      String updatedAtText,
      long messageCount,
      int activeUsers) {}

  public List<RoomRow> getRooms() {
    if (rooms == null) {
      rooms =
          directory.rooms().stream()
              .map(
                  r ->
                      new RoomRow(
                          r.name(),
                          DisplayTimes.iso(r.createdAt()),
                          DisplayTimes.dateTime(r.createdAt()),
                          DisplayTimes.iso(r.updatedAt()),
                          DisplayTimes.dateTime(r.updatedAt()),
                          r.messageCount(),
                          r.onlineCount()))
              .toList();
    }
    return rooms;
  }

  public long getOpenConnections() {
    return metrics.openConnections();
  }

  private Duration averageConnectionDuration() {
    if (averageConnectionDuration == null) {
      averageConnectionDuration = metrics.averageConnectionDuration();
    }
    return averageConnectionDuration;
  }

  public double getAverageConnectionSeconds() {
    return DisplayTimes.seconds(averageConnectionDuration());
  }

  public String getAverageConnectionDurationText() {
    return texts.duration(averageConnectionDuration());
  }

  public long getTotalRooms() {
    if (totalRooms == null) {
      totalRooms = directory.roomCount();
    }
    return totalRooms;
  }

  public long getTotalMessages() {
    if (totalMessages == null) {
      totalMessages = directory.messageCount();
    }
    return totalMessages;
  }

  /**
   * The same numbers for the page's refresh script, named as the guide's metrics view names them.
   */
  public JsonObject toJson() {
    JsonArrayBuilder roomArray = Json.createArrayBuilder();
    for (RoomRow room : getRooms()) {
      roomArray.add(
          Json.createObjectBuilder()
              .add("name", room.name())
              .add("created_at", room.createdAt())
              .add("updated_at", room.updatedAt())
              .add("message_count", room.messageCount())
              .add("active_users", room.activeUsers()));
    }
    return Json.createObjectBuilder()
        .add("websocket_connections", getOpenConnections())
        .add("avg_connection_duration", getAverageConnectionSeconds())
        .add("total_rooms", getTotalRooms())
        .add("total_messages", getTotalMessages())
        .add("rooms", roomArray)
        .build();
  }
}
