// Lets Program.cs and the feature files use the security layer without editing their using lines.
global using Workshop.Playground.Features.Security;
