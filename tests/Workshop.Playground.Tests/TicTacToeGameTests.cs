using Workshop.Playground.Features.Multiplayer;

namespace Workshop.Playground.Tests;

public sealed class TicTacToeGameTests
{
    [Fact]
    public void Three_in_a_diagonal_wins_and_ends_the_game()
    {
        var game = new TicTacToeGame();
        foreach (var (player, cell) in new[] { ('X', 0), ('O', 1), ('X', 4), ('O', 2), ('X', 8) })
            Assert.Null(game.TryMove(player, cell));

        Assert.Equal("X", game.Winner);
        Assert.Equal("XOO-X---X", game.Board);
        Assert.Equal("the game is over", game.TryMove('O', 3));
    }

    [Fact]
    public void A_full_board_without_a_line_is_a_draw()
    {
        var game = new TicTacToeGame();
        foreach (var (player, cell) in new[] { ('X', 0), ('O', 1), ('X', 2), ('O', 4), ('X', 3), ('O', 5), ('X', 7), ('O', 6), ('X', 8) })
            Assert.Null(game.TryMove(player, cell));
        Assert.Equal("draw", game.Winner);
    }

    [Theory]
    [InlineData('O', 0, "it is X's turn")]
    [InlineData('s', 0, "spectators cannot move")]
    [InlineData('X', 9, "cell must be 0..8")]
    [InlineData('X', -1, "cell must be 0..8")]
    public void Illegal_moves_are_refused_and_change_nothing(char player, int cell, string reason)
    {
        var game = new TicTacToeGame();
        Assert.Equal(reason, game.TryMove(player, cell));
        Assert.Equal("---------", game.Board);
        Assert.Equal('X', game.Turn);
    }

    [Fact]
    public void A_taken_cell_is_refused_and_reset_starts_over()
    {
        var game = new TicTacToeGame();
        game.TryMove('X', 4);
        Assert.Equal("cell 4 is taken", game.TryMove('O', 4));
        Assert.Equal('O', game.Turn);
        game.Reset();
        Assert.Equal(("---------", 'X', (string?)null), (game.Board, game.Turn, game.Winner));
    }
}
