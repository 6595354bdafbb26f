using System.Text.RegularExpressions;
using Workshop.Testing;

namespace Workshop.Site.Tests.Build;

/// <summary>A lab page shows its hints folded by level, the nudge first and the code last, never open.</summary>
public sealed partial class LabHintsPageTests(BuiltSite site) : IClassFixture<BuiltSite>
{
    [Fact]
    public void A_lab_page_folds_each_tasks_hints_by_level_with_the_code_last_and_closed()
    {
        var html = File.ReadAllText(Path.Combine(site.Output, "lab-03-websocket-resilience.html"));
        var tasks = RepoPaths.Manifest.Find("03")!.Tasks;

        var hints = html.IndexOf("id=\"hints\"", StringComparison.Ordinal);
        Assert.True(hints > 0, "the lab page has no Hints section");
        var details = Details().Matches(html[hints..]).ToList();
        Assert.Equal(tasks.Count * 3, details.Count(d => d.Groups["summary"].Value.StartsWith("Hint ", StringComparison.Ordinal)));
        Assert.All(details, d => Assert.DoesNotContain(" open", d.Groups["attributes"].Value, StringComparison.Ordinal));
        var first = details.Take(3).Select(d => d.Groups["summary"].Value).ToList();
        Assert.Equal(["Hint 1: a nudge", "Hint 2: the concept", "Hint 3: the code"], first);
        // The code appears only inside the third fold, after the nudge and the concept.
        Assert.DoesNotContain("<pre", details[0].Groups["body"].Value, StringComparison.Ordinal);
        Assert.DoesNotContain("<pre", details[1].Groups["body"].Value, StringComparison.Ordinal);
        Assert.Contains("<pre", details[2].Groups["body"].Value, StringComparison.Ordinal);
        Assert.Contains("MessageTooBig", details[2].Groups["body"].Value, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"<details(?<attributes>[^>]*)>\s*<summary>(?<summary>[^<]*)</summary>(?<body>.*?)</details>", RegexOptions.Singleline)]
    private static partial Regex Details();
}
