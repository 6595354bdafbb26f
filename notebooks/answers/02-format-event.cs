// Your turn (02-format-event): one event with id, retry and (possibly multi-line) data
string FormatEvent(long id, int retryMilliseconds, string data)
{
    var text = new StringBuilder();
    text.Append("id: ").Append(id).Append('\n');
    text.Append("retry: ").Append(retryMilliseconds).Append('\n');
    // One data: line per line of data; the client joins them back with "\n".
    foreach (var line in data.Split('\n')) text.Append("data: ").Append(line).Append('\n');
    return text.Append('\n').ToString();   // the blank line ends the event
}
