// Lets Program.cs call AddPlaygroundProblems / UsePlaygroundProblems without editing its using lines.
global using Workshop.Playground.Features.Problems;
