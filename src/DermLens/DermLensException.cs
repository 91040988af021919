namespace DermLens;

/// <summary>A problem with the user's input or files, reported in one line without a stack trace.</summary>
public class DermLensException(string message, Exception? inner = null) : Exception(message, inner);
