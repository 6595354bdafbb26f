namespace Workshop.Site.Tests.Build;

/// <summary><c>site/site.json</c> naming labs and notebooks on one path, and the playground's address.</summary>
public sealed class CourseManifestTests : IDisposable
{
    private const string Path3 = """
        { "sections": [
          { "title": "Start here", "pages": ["site/index.md", "README.md"] },
          { "title": "Part 1", "pages": [ { "notebook": "01" }, { "lab": "01" }, { "lab": "09" } ] },
          { "title": "Part 2", "pages": [ { "notebook": "02" }, { "lab": "02" } ] } ] }
        """;

    private readonly TempRepo _repo = new();

    public CourseManifestTests()
    {
        _repo.Write("site/site.json", Path3)
            .Write("labs/labs.json", """{ "labs": [ { "id": "01", "folder": "01-echo", "title": "Echo" }, { "id": "02", "folder": "02-chat", "title": "Chat" } ] }""")
            .Write("labs/01-echo/README.md", "# Lab 1\n")
            .Write("labs/02-chat/README.md", "# Lab 2\n")
            .Write("notebooks/01-ws.ipynb", Specs.NotebookReaderTests.Notebook)
            .Write("notebooks/02-sse.ipynb", Specs.NotebookReaderTests.Notebook);
    }

    [Fact]
    public void A_lab_named_on_the_path_before_it_exists_is_left_out_and_slots_into_its_place_when_it_lands()
    {
        var before = _repo.Build();

        Assert.Equal(6, before.PageCount);
        Assert.DoesNotContain("lab-09", _repo.Page("index.html"), StringComparison.Ordinal);

        _repo.Write("labs/labs.json", """{ "labs": [ { "id": "01", "folder": "01-echo" }, { "id": "02", "folder": "02-chat" }, { "id": "09", "folder": "09-game", "title": "A game" } ] }""")
            .Write("labs/09-game/README.md", "# Lab 9\n");
        _repo.Build();

        var home = _repo.Page("index.html");
        var order = new[] { "notebook-01-ws.html", "lab-01-echo.html", "lab-09-game.html", "notebook-02-sse.html", "lab-02-chat.html" }
            .Select(p => home.IndexOf($"href=\"{p}\"", StringComparison.Ordinal)).ToList();
        Assert.DoesNotContain(-1, order);
        Assert.Equal(order.Order(), order);
        Assert.Contains(">09 · A game</a>", home, StringComparison.Ordinal);
        Assert.Contains("rel=\"next\" href=\"notebook-02-sse.html\"", _repo.Page("lab-09-game.html"), StringComparison.Ordinal);
    }

    [Fact]
    public void A_lab_in_labs_json_that_the_path_never_names_fails_the_build_naming_it()
    {
        _repo.Write("labs/labs.json", """{ "labs": [ { "id": "01", "folder": "01-echo" }, { "id": "02", "folder": "02-chat" }, { "id": "11", "folder": "11-extra" } ] }""")
            .Write("labs/11-extra/README.md", "# Lab 11\n");

        var error = Assert.Throws<SiteBuildException>(() => _repo.Build());

        Assert.Contains("lab 11 (labs/11-extra) is in labs/labs.json but not on the course path", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_notebook_the_path_never_names_fails_the_build_naming_it()
    {
        _repo.Write("notebooks/05-extra.ipynb", Specs.NotebookReaderTests.Notebook);

        var error = Assert.Throws<SiteBuildException>(() => _repo.Build());

        Assert.Contains("notebooks/05-extra.ipynb is not on the course path", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_playground_link_goes_to_the_build_option_else_the_manifests_address_else_the_default()
    {
        _repo.Build();
        Assert.Contains($"href=\"{SiteInfo.DefaultPlayground}\"", _repo.Page("index.html"), StringComparison.Ordinal);

        _repo.Write("site/site.json", Path3.Replace("{ \"sections\"", "{ \"playground\": \"https://play.example.org/play/\", \"sections\"", StringComparison.Ordinal));
        _repo.Build();
        Assert.Contains("id=\"playground-link\" class=\"header-link\" href=\"https://play.example.org/play/\"", _repo.Page("index.html"), StringComparison.Ordinal);

        SiteBuilder.Build(_repo.Root, _repo.Output, new SiteOptions { PlaygroundUrl = SiteInfo.ServedPlayground });
        Assert.Contains("href=\"play/index.html\"", _repo.Page("index.html"), StringComparison.Ordinal);
    }

    [Fact]
    public void A_root_relative_playground_address_is_refused_because_it_breaks_under_a_sub_path()
    {
        var error = Assert.Throws<SiteBuildException>(() => SiteBuilder.Build(_repo.Root, _repo.Output, new SiteOptions { PlaygroundUrl = "/play/" }));

        Assert.Contains("playground address /play/", error.Message, StringComparison.Ordinal);
    }

    public void Dispose() => _repo.Dispose();
}
