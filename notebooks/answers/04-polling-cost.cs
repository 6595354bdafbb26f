// Your turn (04-polling-cost): requests per minute, and the share of them answered "nothing new"
(double RequestsPerMinute, double EmptyShare) PollingCost(TimeSpan pollInterval, TimeSpan eventInterval)
{
    var requestsPerMinute = TimeSpan.FromMinutes(1) / pollInterval;
    // Events per poll is pollInterval / eventInterval; below one, the rest of the polls find nothing.
    var emptyShare = Math.Max(0, 1 - pollInterval / eventInterval);
    return (requestsPerMinute, emptyShare);
}
