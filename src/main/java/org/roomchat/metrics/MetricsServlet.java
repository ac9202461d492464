package org.roomchat.metrics;

import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** {@code /metrics}: this node's {@code chat_*} metrics in Prometheus text format. */
@WebServlet("/metrics")
public class MetricsServlet extends HttpServlet {

  private static final PrometheusTextFormatWriter FORMAT = PrometheusTextFormatWriter.create();

  @Inject ChatMetrics metrics;

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    response.setContentType(FORMAT.getContentType());
    FORMAT.write(response.getOutputStream(), metrics.registry().scrape());
  }
}
