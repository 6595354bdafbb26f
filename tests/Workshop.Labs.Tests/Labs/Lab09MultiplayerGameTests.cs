using Xunit;

namespace Workshop.Labs.Tests.Labs;

/// <summary>Lab 09: the solution passes every task; the start fails each task it leaves as TODO.</summary>
[Collection(LabsCollection.Name)]
public sealed class Lab09MultiplayerGameTests(LabSuiteFixture suite)
{
    [Fact, Trait("Lab", "09"), Trait("Task", "join"), Trait("Points", "2")]
    public Task Solution_seats_two_players_and_the_spectators() => LabAssert.TaskPassesAsync(suite, "09", "join");

    [Fact, Trait("Lab", "09"), Trait("Task", "join"), Trait("Points", "2")]
    public Task Start_fails_the_join_task_until_it_is_done() => LabAssert.TaskFailsOnStartAsync(suite, "09", "join");

    [Fact, Trait("Lab", "09"), Trait("Task", "moves"), Trait("Points", "3")]
    public Task Solution_validates_every_move_on_the_server() => LabAssert.TaskPassesAsync(suite, "09", "moves");

    [Fact, Trait("Lab", "09"), Trait("Task", "moves"), Trait("Points", "3")]
    public Task Start_fails_the_moves_task_until_it_is_done() => LabAssert.TaskFailsOnStartAsync(suite, "09", "moves");

    [Fact, Trait("Lab", "09"), Trait("Task", "rejoin"), Trait("Points", "2")]
    public Task Solution_lets_a_player_who_comes_back_rejoin_its_seat() => LabAssert.TaskPassesAsync(suite, "09", "rejoin");

    [Fact, Trait("Lab", "09"), Trait("Task", "rejoin"), Trait("Points", "2")]
    public Task Start_fails_the_rejoin_task_until_it_is_done() => LabAssert.TaskFailsOnStartAsync(suite, "09", "rejoin");

    [Fact, Trait("Lab", "09"), Trait("Task", "leave"), Trait("Points", "2")]
    public Task Solution_ends_the_game_cleanly_when_a_player_leaves() => LabAssert.TaskPassesAsync(suite, "09", "leave");

    [Fact, Trait("Lab", "09"), Trait("Task", "leave"), Trait("Points", "2")]
    public Task Start_fails_the_leave_task_until_it_is_done() => LabAssert.TaskFailsOnStartAsync(suite, "09", "leave");

    [Fact, Trait("Lab", "09"), Trait("Task", "page"), Trait("Points", "3")]
    public Task Solution_page_plays_in_two_tabs_and_survives_a_reload() => LabAssert.TaskPassesAsync(suite, "09", "page");

    [Fact, Trait("Lab", "09"), Trait("Task", "page"), Trait("Points", "3")]
    public Task Start_fails_the_page_task_until_it_is_done() => LabAssert.TaskFailsOnStartAsync(suite, "09", "page");
}
