// Your turn (02-format-event): one event with id, retry and (possibly multi-line) data
// Wrong: one data: line for multi-line data, so the client sees only the first line.
string FormatEvent(long id, int retryMilliseconds, string data) => $"id: {id}\nretry: {retryMilliseconds}\ndata: {data}\n\n";
