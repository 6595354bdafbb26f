using System.CommandLine;
using Workshop.Cli.Commands;

var root = new RootCommand("The Realtime Protocols Workshop command.")
{
    SiteCommand.Create(),
};
return root.Parse(args).Invoke();
