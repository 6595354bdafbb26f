using Workshop.Grading.Checks;
using Workshop.Testing;
using Xunit;

namespace Workshop.Labs.Tests.Grading;

/// <summary>Hidden-checks files: every documented example loads; a mistake is refused at load time with its file and line.</summary>
public sealed class ExtraCheckLoaderTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("workshop-hidden-").FullName;

    public static string Examples => Path.Combine(RepoPaths.Root, "docs", "hidden-checks");

    [Fact]
    public void Every_documented_example_loads_as_hidden_checks_of_its_lab()
    {
        var byLab = ExtraCheckLoader.Load(Examples);
        Assert.Equal(["01", "04", "05", "06", "08"], byLab.Keys.Order(StringComparer.Ordinal));
        Assert.All(byLab.Values.SelectMany(c => c), check => Assert.True(check.Hidden));
    }

    [Fact]
    public void An_unknown_kind_is_refused_naming_the_file_and_line()
    {
        var error = LoadError("{\n  \"lab\": \"01\", \"task\": \"t\",\n  \"checks\": [\n    { \"kind\": \"gopher\", \"path\": \"/\" }\n  ]\n}");
        Assert.StartsWith("bad.json:4:", error, StringComparison.Ordinal);
        Assert.Contains("gopher", error, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_field_is_refused_naming_the_file_line_and_field()
    {
        var error = LoadError("{\n  \"lab\": \"04\", \"task\": \"t\",\n  \"checks\": [\n    { \"kind\": \"http\", \"path\": \"/\",\n      \"expectStatuss\": 200 }\n  ]\n}");
        Assert.StartsWith("bad.json:5:", error, StringComparison.Ordinal);
        Assert.Contains("expectStatuss", error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_field_of_another_kind_is_refused()
    {
        var error = LoadError("{ \"lab\": \"01\", \"task\": \"t\", \"checks\": [ { \"kind\": \"websocket\", \"path\": \"/ws/echo\", \"expectStatus\": 200 } ] }");
        Assert.StartsWith("bad.json:1:", error, StringComparison.Ordinal);
        Assert.Contains("expectStatus", error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_check_without_a_kind_is_refused()
    {
        Assert.Contains("\"kind\"", LoadError("{ \"lab\": \"01\", \"task\": \"t\", \"checks\": [ { \"path\": \"/\" } ] }"), StringComparison.Ordinal);
    }

    [Fact]
    public void A_webhook_for_a_lab_without_a_documented_secret_must_name_one()
    {
        var error = LoadError("{ \"lab\": \"01\", \"task\": \"t\", \"checks\": [ { \"kind\": \"webhook\", \"scheme\": \"github\", \"path\": \"/h\", \"body\": {} } ] }");
        Assert.Contains("secret", error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_websocket_step_naming_two_actions_is_refused()
    {
        var error = LoadError("{ \"lab\": \"01\", \"task\": \"t\", \"checks\": [ { \"kind\": \"websocket\", \"path\": \"/ws/echo\", \"script\": [ { \"send\": \"a\", \"expect\": \"a\" } ] } ] }");
        Assert.Contains("exactly one", error, StringComparison.Ordinal);
    }

    private string LoadError(string json)
    {
        File.WriteAllText(Path.Combine(_folder, "bad.json"), json);
        return Assert.Throws<InvalidDataException>(() => ExtraCheckLoader.Load(_folder)).Message;
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
