// The one way the playground exposes its features: each lives in its own namespace (Features/X, with an XFeature
// class holding AddX/MapX), and this file brings them all into scope, so Program.cs is a plain list of Add/Map calls.
global using Workshop.Playground.Features.DataDirectory;
global using Workshop.Playground.Features.Health;
global using Workshop.Playground.Features.Inspector;
global using Workshop.Playground.Features.LiveFeed;
global using Workshop.Playground.Features.Multiplayer;
global using Workshop.Playground.Features.Notifications;
global using Workshop.Playground.Features.Problems;
global using Workshop.Playground.Features.Security;
global using Workshop.Playground.Features.Site;
global using Workshop.Playground.Features.Webhooks;
