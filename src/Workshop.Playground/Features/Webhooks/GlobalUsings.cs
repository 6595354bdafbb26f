// Lets Program.cs call AddPlaygroundWebhooks / MapPlaygroundWebhooks without editing its using lines.
global using Workshop.Playground.Features.Webhooks;
