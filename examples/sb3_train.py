"""Train Stable-Baselines3's DQN (sim-arena's numbers, `skstep.sb3.dqn_preset`) or PPO (small
rollouts, `skstep.sb3.ppo_preset`) on kubectl-skstep over a pool of clusters, one env per context.

    pip install .[sb3]
    kubectl skstep prep-ns lab --context a-admin --trace web.msgpack     # once per cluster
    kubectl skstep prep-ns lab --context b-admin --trace web.msgpack
    python examples/sb3_train.py --contexts a-admin,b-admin --trace web.msgpack --deploy web \
        --target 3 --ns lab --steps 2000 --cache ~/.cache/skstep-transitions

The records of every step go to --runs-dir (`kubectl skstep report --runs-dir DIR` draws the
learning curve); the model is saved to --save.
"""

import argparse

from stable_baselines3 import DQN, PPO

from skstep import sb3


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--contexts", required=True, help="kubeconfig contexts, one per cluster, comma-separated")
    p.add_argument("--trace", required=True)
    p.add_argument("--deploy", required=True)
    p.add_argument("--target", type=int, required=True)
    p.add_argument("--ns", required=True, help="the driver namespace prepared with prep-ns on every cluster")
    p.add_argument("--algo", choices=["dqn", "ppo"], default="dqn")
    p.add_argument("--steps", type=int, default=2000, help="transitions to train for (all envs together)")
    p.add_argument("--duration", default="10s")
    p.add_argument("--max-steps", type=int, default=10)
    p.add_argument("--reward", default="shaped")
    p.add_argument("--cache", help="the transition cache's folder (repeated states cost no Simulation)")
    p.add_argument("--cache-verify", type=float, help="fraction of cache hits simulated anyway and compared")
    p.add_argument("--runs-dir")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--save", default="skstep-model.zip")
    a = p.parse_args()

    contexts = a.contexts.split(",")
    vec = sb3.make_vec_env(
        contexts=contexts, trace=a.trace, deploy=a.deploy, target=a.target, namespace=a.ns,
        duration=a.duration, max_steps=a.max_steps, reward=a.reward, cache=a.cache,
        cache_verify=a.cache_verify, runs_dir=a.runs_dir,
    )
    try:
        if a.algo == "dqn":
            model = DQN(env=vec, seed=a.seed, verbose=1, **sb3.dqn_preset(a.steps, n_envs=len(contexts)))
        else:
            model = PPO(env=vec, seed=a.seed, verbose=1, **sb3.ppo_preset(n_envs=len(contexts)))
        model.learn(total_timesteps=a.steps)
        model.save(a.save)
    finally:
        vec.close()


if __name__ == "__main__":
    main()
