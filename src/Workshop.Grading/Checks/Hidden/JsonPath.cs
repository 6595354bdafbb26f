using System.Text.Json;
using System.Text.RegularExpressions;

namespace Workshop.Grading.Checks.Hidden;

/// <summary>A small JSON path: <c>$.data.items[0].id</c> (or without <c>$.</c>): property names and array indexes.</summary>
internal static partial class JsonPath
{
    /// <summary>The value at <paramref name="path"/> in <paramref name="root"/>, or null when it is not there.</summary>
    public static JsonElement? Find(JsonElement root, string path)
    {
        var current = root;
        foreach (Match step in Step().Matches(path.StartsWith('$') ? path[1..] : path))
        {
            if (step.Groups["index"].Success)
            {
                var index = int.Parse(step.Groups["index"].Value, System.Globalization.CultureInfo.InvariantCulture);
                if (current.ValueKind != JsonValueKind.Array || index >= current.GetArrayLength()) return null;
                current = current[index];
            }
            else if (current.ValueKind != JsonValueKind.Object || !current.TryGetProperty(step.Groups["name"].Value, out current))
            {
                return null;
            }
        }
        return current;
    }

    /// <summary>
    /// True when every path of <paramref name="expected"/> holds its value in <paramref name="body"/> (JSON); an
    /// expected string's <c>{{run}}</c> is <paramref name="token"/>.
    /// </summary>
    public static bool Matches(string body, IReadOnlyDictionary<string, JsonElement> expected, string token, out string observed)
    {
        try
        {
            using var doc = JsonDocument.Parse(body);
            var seen = expected.Keys.Select(p => $"{p} = {(Find(doc.RootElement, p) is { } v ? v.GetRawText() : "(absent)")}").ToList();
            observed = string.Join(", ", seen);
            return expected.All(e => Find(doc.RootElement, e.Key) is { } v && (e.Value.ValueKind == JsonValueKind.String
                ? v.ValueKind == JsonValueKind.String && v.GetString() == RunToken.Apply(e.Value.GetString()!, token)
                : JsonElement.DeepEquals(v, e.Value)));
        }
        catch (JsonException)
        {
            observed = "a body that is not JSON";
            return false;
        }
    }

    [GeneratedRegex(@"\.?(?<name>[^.\[\]]+)|\[(?<index>\d+)\]")]
    private static partial Regex Step();
}
