using Workshop.Bench.Load.Hosting;
using Workshop.Bench.Load.Scenarios;
using Xunit;

namespace Workshop.Bench.Tests;

public class ScaleOutTests
{
    [Fact]
    public void Clients_alternate_between_two_endpoints_so_each_instance_gets_half()
    {
        Assert.Equal([500, 500], ClientSplit.Counts(1000, 2));
        Assert.Equal([0, 1, 0, 1], Enumerable.Range(0, 4).Select(i => ClientSplit.EndpointOf(i, 2)));
    }

    [Fact]
    public void An_odd_client_count_differs_by_at_most_one_between_endpoints() =>
        Assert.Equal([3, 2], ClientSplit.Counts(5, 2));

    [Fact]
    public void With_one_endpoint_every_client_uses_it()
    {
        Assert.Equal([7], ClientSplit.Counts(7, 1));
        Assert.Equal(9001, ClientSplit.PortOf(6, [9001]));
    }

    [Fact]
    public void A_client_gets_the_port_of_its_endpoint() =>
        Assert.Equal([9001, 9002, 9001], Enumerable.Range(0, 3).Select(i => ClientSplit.PortOf(i, [9001, 9002])));

    [Fact]
    public void No_endpoints_is_refused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => ClientSplit.EndpointOf(0, 0));

    [Fact]
    public void Redis_for_the_bench_listens_on_loopback_at_its_own_port_without_persistence()
    {
        var spec = ScaleOutSetUp.Redis("/usr/bin/redis-server", "/tmp/raw");
        var args = string.Join(' ', spec.Args.Select(a => a.Length == 0 ? "\"\"" : a));
        Assert.Contains("--bind 127.0.0.1 --port {port}", args, StringComparison.Ordinal);
        Assert.Contains("--save \"\" --appendonly no", args, StringComparison.Ordinal);
        Assert.Equal("/usr/bin/redis-server", spec.Program);
    }

    [Fact]
    public void An_instance_is_the_bench_host_pointed_at_Redis_with_its_own_data_directory()
    {
        var host = new ServerSpec("bench-host", "dotnet", ["host.dll", "--urls", "http://127.0.0.1:{port}"],
            new Dictionary<string, string> { ["ASPNETCORE_ENVIRONMENT"] = "Production", ["Workshop__DataDirectory"] = "/tmp/raw/bench-host-data" }, "/tmp/host");
        var b = ScaleOutSetUp.Instance(host, ScaleOutSetUp.InstanceB, 6390, "/tmp/raw");
        Assert.Equal("scaleout-b", b.Name);
        Assert.Equal(host.Args, b.Args);
        Assert.Equal("127.0.0.1:6390", b.Environment["Redis__Configuration"]);
        Assert.Equal("Production", b.Environment["ASPNETCORE_ENVIRONMENT"]);
        Assert.Equal(Path.Combine("/tmp/raw", "scaleout-b-data"), b.Environment["Workshop__DataDirectory"]);
        Assert.False(host.Environment.ContainsKey("Redis__Configuration"));
    }

    [Fact]
    public void The_two_instance_target_runs_broadcast_and_SSE_on_the_group_and_nothing_else()
    {
        var target = ScaleOutSetUp.Create();
        Assert.Equal(ScaleOutSetUp.GroupName, target.BroadcastServer);
        Assert.Equal(ScaleOutSetUp.GroupName, target.SseServer);
        Assert.Null(target.EchoServer);
        Assert.Null(target.WebhookServer);
        Assert.Null(target.SenderServer);
        Assert.NotEqual("reference", target.Key);
    }

    [Fact]
    public void Redis_server_is_found_on_the_path_and_missing_is_null()
    {
        var directory = Directory.CreateTempSubdirectory("bench-redis-");
        try
        {
            var fake = Path.Combine(directory.FullName, "redis-server");
            File.WriteAllText(fake, "");
            Assert.Equal(fake, ScaleOutSetUp.FindRedisServer("/nonexistent:" + directory.FullName));
            Assert.Contains("apt-get install redis-server", ScaleOutSetUp.InstallHint, StringComparison.Ordinal);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }
}
