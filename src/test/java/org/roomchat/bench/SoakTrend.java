package org.roomchat.bench;

import java.util.List;

/**
 * The least-squares line through one series of a soak run: its slope per hour, the slope's
 * standard error, and whether the series still grows in the run's second half. A leak is a slope
 * that does not flatten: warming up (caches, pools, compiled code) rises early and levels off, a
 * leak keeps rising.
 *
 * @param slopePerHour least-squares slope over the whole run, in the series' unit per hour
 * @param secondHalfSlopePerHour the same over the samples of the run's second half
 * @param secondHalfError the standard error of that slope (NaN with fewer than three samples)
 * @param mean the mean of the whole run's samples
 * @param secondHalfRise what the second half's slope adds over the second half's length
 */
record SoakTrend(
    double slopePerHour,
    double secondHalfSlopePerHour,
    double secondHalfError,
    double mean,
    double secondHalfRise) {

  /** A rise over the second half below this share of the series' mean is noise, not a leak. */
  static final double RISE_OF_MEAN = 0.05;

  /**
   * The trend of values sampled at the given times (seconds since the load began); the second half
   * holds the samples from half the last sample's time on.
   */
  static SoakTrend of(List<Double> seconds, List<Double> values) {
    if (seconds.size() != values.size() || seconds.isEmpty()) {
      throw new IllegalArgumentException("one value per sample time, at least one");
    }
    double end = seconds.get(seconds.size() - 1);
    int half = 0;
    while (half < seconds.size() - 1 && seconds.get(half) < end / 2) {
      half++;
    }
    double[] whole = fit(seconds, values);
    double[] second = fit(seconds.subList(half, seconds.size()), values.subList(half, values.size()));
    double mean = values.stream().mapToDouble(Double::doubleValue).average().orElse(0);
    double secondHalfHours = (end - seconds.get(half)) / 3600;
    return new SoakTrend(whole[0], second[0], second[1], mean, second[0] * secondHalfHours);
  }

  /**
   * True when the second half still rises clearly: by more than {@link #RISE_OF_MEAN} of the
   * series' mean over its length, and by more than twice the slope's standard error.
   */
  boolean stillGrowing() {
    return secondHalfSlopePerHour > 0
        && secondHalfRise > RISE_OF_MEAN * Math.abs(mean)
        && !Double.isNaN(secondHalfError)
        && secondHalfSlopePerHour > 2 * secondHalfError;
  }

  /** The second half's rise as a share of the mean, in percent. */
  double secondHalfRisePercent() {
    return mean == 0 ? 0 : 100 * secondHalfRise / Math.abs(mean);
  }

  /** Slope per hour and its standard error, x in seconds; a single point has slope 0. */
  private static double[] fit(List<Double> seconds, List<Double> values) {
    int n = seconds.size();
    if (n < 2) {
      return new double[] {0, Double.NaN};
    }
    double meanX = 0;
    double meanY = 0;
    for (int i = 0; i < n; i++) {
      meanX += seconds.get(i) / 3600;
      meanY += values.get(i);
    }
    meanX /= n;
    meanY /= n;
    double sxx = 0;
    double sxy = 0;
    for (int i = 0; i < n; i++) {
      double dx = seconds.get(i) / 3600 - meanX;
      sxx += dx * dx;
      sxy += dx * (values.get(i) - meanY);
    }
    if (sxx == 0) {
      return new double[] {0, Double.NaN};
    }
    double slope = sxy / sxx;
    if (n < 3) {
      return new double[] {slope, Double.NaN};
    }
    double residuals = 0;
    for (int i = 0; i < n; i++) {
      double fitted = meanY + slope * (seconds.get(i) / 3600 - meanX);
      double r = values.get(i) - fitted;
      residuals += r * r;
    }
    return new double[] {slope, Math.sqrt(residuals / (n - 2) / sxx)};
  }
}
