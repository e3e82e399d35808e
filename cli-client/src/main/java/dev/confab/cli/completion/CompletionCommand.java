package dev.confab.cli.completion;

import java.util.Iterator;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "completion", mixinStandardHelpOptions = true,
        description = {"Prints a shell completion script for confab-cli's commands and options.",
                "The script is written for bash; zsh runs it through bashcompinit, which the script loads itself."},
        footerHeading = "%nExample:%n",
        footer = {"  source <(confab-cli completion bash)   # in ~/.bashrc",
                "  source <(confab-cli completion zsh)    # in ~/.zshrc"})
public final class CompletionCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "SHELL", arity = "0..1", defaultValue = "bash", completionCandidates = Shells.class,
            description = "${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    Shell shell;

    enum Shell { BASH, ZSH }

    static final class Shells implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return List.of("bash", "zsh").iterator();
        }
    }

    @Override
    public Integer call() {
        // The same script serves both shells: picocli's script sets up bashcompinit when run by zsh.
        spec.commandLine().getOut().print(AutoComplete.bash("confab-cli", spec.root().commandLine()));
        return 0;
    }
}
