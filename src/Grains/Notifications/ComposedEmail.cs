namespace PrintFarm.Notifications;

public sealed record ComposedEmail(string Subject, string Text, string Html);
