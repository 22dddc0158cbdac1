package dev.syscalllens.agent.it;

class HelloServerJdk25IT extends HelloServerChecks {
    @Override
    Env.Jdk jdk() {
        return Env.Jdk.JDK25;
    }
}
