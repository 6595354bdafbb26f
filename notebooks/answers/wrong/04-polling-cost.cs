// Your turn (04-polling-cost): requests per minute, and the share of them answered "nothing new"
// Wrong: the ratio upside down, and never clamped at zero.
(double RequestsPerMinute, double EmptyShare) PollingCost(TimeSpan pollInterval, TimeSpan eventInterval)
    => (TimeSpan.FromMinutes(1) / pollInterval, 1 - eventInterval / pollInterval);
